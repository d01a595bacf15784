import { registerEnumType } from 'type-graphql';

export enum WorkKind {
  WORK = 'WORK',
  PROJECT = 'PROJECT',
  ACTIVITY = 'ACTIVITY',
  ACTION = 'ACTION',
}
registerEnumType(WorkKind, {
  name: 'WorkKind',
  description: 'What kind of intervention: obra, proyecto de inversión, actividad or acción.',
  valuesConfig: {
    WORK: { description: 'Obra: physical construction.' },
    PROJECT: { description: 'Proyecto de inversión registered in Invierte.pe (has a CUI).' },
    ACTIVITY: { description: 'Actividad: a recurring non-investment action (maintenance, campaigns).' },
    ACTION: { description: 'Acción: a one-off action in the territory.' },
  },
});

export enum WorkStatus {
  PLANNED = 'PLANNED',
  IN_PREPARATION = 'IN_PREPARATION',
  IN_EXECUTION = 'IN_EXECUTION',
  SUSPENDED = 'SUSPENDED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(WorkStatus, {
  name: 'WorkStatus',
  description: 'Where a work stands.',
  valuesConfig: {
    PLANNED: { description: 'Programada.' },
    IN_PREPARATION: { description: 'En formulación / expediente técnico.' },
    IN_EXECUTION: { description: 'En ejecución.' },
    SUSPENDED: { description: 'Paralizada: stopped before completion, with a reason.' },
    COMPLETED: { description: 'Culminada.' },
    CANCELLED: { description: 'Anulada / cancelada.' },
  },
});

/** Allowed status changes; anything else is refused with the list of allowed targets. */
export const STATUS_TRANSITIONS: Record<WorkStatus, WorkStatus[]> = {
  PLANNED: [WorkStatus.IN_PREPARATION, WorkStatus.IN_EXECUTION, WorkStatus.CANCELLED],
  IN_PREPARATION: [WorkStatus.PLANNED, WorkStatus.IN_EXECUTION, WorkStatus.CANCELLED],
  IN_EXECUTION: [WorkStatus.SUSPENDED, WorkStatus.COMPLETED, WorkStatus.CANCELLED],
  SUSPENDED: [WorkStatus.IN_EXECUTION, WorkStatus.CANCELLED],
  COMPLETED: [],
  CANCELLED: [],
};

/** Sectors are the MEF budget functions (función) that works fall under. */
export enum Sector {
  PUBLIC_ORDER_AND_SECURITY = 'PUBLIC_ORDER_AND_SECURITY',
  AGRICULTURE = 'AGRICULTURE',
  ENERGY = 'ENERGY',
  TRADE = 'TRADE',
  TOURISM = 'TOURISM',
  TRANSPORT = 'TRANSPORT',
  ENVIRONMENT = 'ENVIRONMENT',
  SANITATION = 'SANITATION',
  HOUSING_AND_URBAN_DEVELOPMENT = 'HOUSING_AND_URBAN_DEVELOPMENT',
  HEALTH = 'HEALTH',
  CULTURE_AND_SPORTS = 'CULTURE_AND_SPORTS',
  EDUCATION = 'EDUCATION',
  SOCIAL_PROTECTION = 'SOCIAL_PROTECTION',
  PLANNING_AND_MANAGEMENT = 'PLANNING_AND_MANAGEMENT',
}
/** MEF function code and Spanish name of each sector. */
export const SECTOR_MEF: Record<Sector, { code: string; name: string }> = {
  PLANNING_AND_MANAGEMENT: { code: '03', name: 'Planeamiento, gestión y reserva de contingencia' },
  PUBLIC_ORDER_AND_SECURITY: { code: '05', name: 'Orden público y seguridad' },
  AGRICULTURE: { code: '10', name: 'Agropecuaria' },
  ENERGY: { code: '12', name: 'Energía' },
  TRADE: { code: '14', name: 'Comercio' },
  TOURISM: { code: '13', name: 'Turismo' },
  TRANSPORT: { code: '15', name: 'Transporte' },
  ENVIRONMENT: { code: '17', name: 'Ambiente' },
  SANITATION: { code: '18', name: 'Saneamiento' },
  HOUSING_AND_URBAN_DEVELOPMENT: { code: '19', name: 'Vivienda y desarrollo urbano' },
  HEALTH: { code: '20', name: 'Salud' },
  CULTURE_AND_SPORTS: { code: '21', name: 'Cultura y deporte' },
  EDUCATION: { code: '22', name: 'Educación' },
  SOCIAL_PROTECTION: { code: '23', name: 'Protección social' },
};
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The MEF budget function (función) of a work.',
  valuesConfig: Object.fromEntries(Object.entries(SECTOR_MEF).map(([k, v]) => [k, { description: `Función ${v.code}: ${v.name}.` }])),
});
