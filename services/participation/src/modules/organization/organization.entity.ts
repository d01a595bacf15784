import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import type { OrganizationType, RegistrationStatus } from '../../enums.js';

/** A registered social organization or institution (RUOS). Its representatives are in organization_representative. */
@Entity({ tableName: 'organization' })
export class OrganizationEntity {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) name!: string;
  @Property({ type: 'text' }) type!: OrganizationType;
  @Property({ type: 'string', columnType: 'char(6)' }) ubigeo!: string;
  @Property({ type: 'text' }) registrationNumber!: string;
  @Property({ type: 'date' }) registrationDate!: string;
  @Property({ type: 'text' }) registrationStatus!: RegistrationStatus;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) createdAt!: Date;
  @Property({ type: 'datetime', columnType: 'timestamptz' }) updatedAt!: Date;
}
