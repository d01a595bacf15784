import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A gerencia of the municipality and its designated responsible official (public name and title). */
@Entity({ tableName: 'department' })
export class DepartmentEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) code!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) officialName!: string;
  @Property({ type: 'text' }) officialTitle!: string;
}
