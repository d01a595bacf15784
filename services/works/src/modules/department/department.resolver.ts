import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { DEPARTMENT_COLUMNS, type WorksContext } from '../../loaders.js';
import { DepartmentType } from './department.type.js';

@Resolver(() => DepartmentType)
export class DepartmentResolver {
  @Query(() => [DepartmentType], { description: 'Departments (gerencias) of the municipality, by name.' })
  departments(@Ctx() ctx: WorksContext): Promise<DepartmentType[]> {
    return ctx.em.execute<DepartmentType[]>(`select ${DEPARTMENT_COLUMNS} from department dep order by dep.name`);
  }

  @Query(() => DepartmentType, { nullable: true, description: 'A department by its code (e.g. GOP).' })
  async department(@Arg('code') code: string, @Ctx() ctx: WorksContext): Promise<DepartmentType | null> {
    const [row] = await ctx.em.execute<DepartmentType[]>(`select ${DEPARTMENT_COLUMNS} from department dep where dep.code = ?`, [code]);
    return row ?? null;
  }
}
