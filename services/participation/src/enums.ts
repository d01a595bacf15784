/** The participation domain's vocabularies, with the programme's Spanish names in descriptions. */
import { registerEnumType } from 'type-graphql';

export enum OrganizationType {
  NEIGHBOURHOOD_BOARD = 'NEIGHBOURHOOD_BOARD',
  PEASANT_COMMUNITY = 'PEASANT_COMMUNITY',
  COMMUNITY_KITCHEN = 'COMMUNITY_KITCHEN',
  GLASS_OF_MILK_COMMITTEE = 'GLASS_OF_MILK_COMMITTEE',
  PRODUCERS_OR_TRADE_ASSOCIATION = 'PRODUCERS_OR_TRADE_ASSOCIATION',
  NGO = 'NGO',
  EDUCATIONAL_INSTITUTION = 'EDUCATIONAL_INSTITUTION',
  OTHER = 'OTHER',
}
registerEnumType(OrganizationType, {
  name: 'OrganizationType',
  valuesConfig: {
    NEIGHBOURHOOD_BOARD: { description: 'Junta vecinal.' },
    PEASANT_COMMUNITY: { description: 'Comunidad campesina.' },
    COMMUNITY_KITCHEN: { description: 'Comedor popular.' },
    GLASS_OF_MILK_COMMITTEE: { description: 'Comité de vaso de leche.' },
    PRODUCERS_OR_TRADE_ASSOCIATION: { description: 'Asociación de productores o gremio.' },
    NGO: { description: 'ONG.' },
    EDUCATIONAL_INSTITUTION: { description: 'Institución educativa.' },
    OTHER: { description: 'Otra organización.' },
  },
});

export enum RegistrationStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  INACTIVE = 'INACTIVE',
}
registerEnumType(RegistrationStatus, { name: 'RegistrationStatus', description: 'Status in the registry of social organizations (RUOS): vigente, vencida, inactiva.' });

export enum MeetingKind {
  COORDINATION_COMMITTEE = 'COORDINATION_COMMITTEE',
  DIALOGUE_TABLE = 'DIALOGUE_TABLE',
  PUBLIC_HEARING = 'PUBLIC_HEARING',
  BUDGET_WORKSHOP = 'BUDGET_WORKSHOP',
  FIELD_VISIT = 'FIELD_VISIT',
}
registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  valuesConfig: {
    COORDINATION_COMMITTEE: { description: 'Comité de coordinación de la alta dirección (weekly).' },
    DIALOGUE_TABLE: { description: 'Mesa de diálogo / espacio de concertación.' },
    PUBLIC_HEARING: { description: 'Audiencia pública de rendición de cuentas.' },
    BUDGET_WORKSHOP: { description: 'Taller del presupuesto participativo.' },
    FIELD_VISIT: { description: 'Visita de campo.' },
  },
});

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingStatus, { name: 'MeetingStatus' });

export enum AgreementStatus {
  PENDING = 'PENDING',
  IN_PROGRESS = 'IN_PROGRESS',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(AgreementStatus, { name: 'AgreementStatus', description: 'Acuerdo: pendiente, en proceso, cumplido, anulado.' });

/** What happened to an agreement, as its subscription announces it. */
export enum AgreementChangeKind {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  FOLLOW_UP = 'FOLLOW_UP',
  OVERDUE = 'OVERDUE',
}
registerEnumType(AgreementChangeKind, {
  name: 'AgreementChangeKind',
  valuesConfig: {
    CREATED: { description: 'Recorded in its meeting.' },
    UPDATED: { description: 'Its text, due date, status or linked works changed.' },
    FOLLOW_UP: { description: 'A follow-up (seguimiento) was reported.' },
    OVERDUE: { description: 'Its due date passed without fulfilment (announced once, shortly after midnight of the day after, Peru time).' },
  },
});

export enum PartyKind {
  DEPARTMENT = 'DEPARTMENT',
  ORGANIZATION = 'ORGANIZATION',
  AGENCY = 'AGENCY',
}
registerEnumType(PartyKind, { name: 'PartyKind', description: 'A party to an agreement: a department, an organization, or another agency (district municipality, GN, GR, private).' });

export enum RequestKind {
  NEED = 'NEED',
  COMPLAINT = 'COMPLAINT',
  INITIATIVE = 'INITIATIVE',
  SUGGESTION = 'SUGGESTION',
  INFORMATION_REQUEST = 'INFORMATION_REQUEST',
}
registerEnumType(RequestKind, {
  name: 'RequestKind',
  valuesConfig: {
    NEED: { description: 'Necesidad / problema.' },
    COMPLAINT: { description: 'Reclamo.' },
    INITIATIVE: { description: 'Iniciativa ciudadana.' },
    SUGGESTION: { description: 'Sugerencia.' },
    INFORMATION_REQUEST: { description: 'Solicitud de acceso a la información pública (Ley 27806).' },
  },
});

export enum RequestCategory {
  ROADS_AND_TRANSPORT = 'ROADS_AND_TRANSPORT',
  WATER_AND_SANITATION = 'WATER_AND_SANITATION',
  WASTE_AND_CLEANING = 'WASTE_AND_CLEANING',
  PUBLIC_SAFETY = 'PUBLIC_SAFETY',
  PARKS_AND_GREEN_AREAS = 'PARKS_AND_GREEN_AREAS',
  STREET_LIGHTING = 'STREET_LIGHTING',
  SOCIAL_PROGRAMS = 'SOCIAL_PROGRAMS',
  MARKETS_AND_COMMERCE = 'MARKETS_AND_COMMERCE',
  PROCEDURES_AND_TAXES = 'PROCEDURES_AND_TAXES',
  OTHER = 'OTHER',
}
registerEnumType(RequestCategory, { name: 'RequestCategory' });

export enum RequestStatus {
  RECEIVED = 'RECEIVED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  REJECTED = 'REJECTED',
}
registerEnumType(RequestStatus, { name: 'RequestStatus', description: 'recibido → asignado → en atención → atendido, o rechazado con motivo.' });

/** The request workflow: anything else is refused. */
export const REQUEST_TRANSITIONS: Record<RequestStatus, RequestStatus[]> = {
  RECEIVED: [RequestStatus.ASSIGNED, RequestStatus.REJECTED],
  ASSIGNED: [RequestStatus.IN_PROGRESS, RequestStatus.ASSIGNED, RequestStatus.REJECTED],
  IN_PROGRESS: [RequestStatus.RESOLVED, RequestStatus.REJECTED],
  RESOLVED: [],
  REJECTED: [],
};
