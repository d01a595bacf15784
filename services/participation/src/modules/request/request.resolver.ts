import { PageArgs, PageInfo, badUserInput, officialOrThrow, pageOrThrow, toConnection } from '@articula/common';
import { Arg, Args, Ctx, Directive, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { RequestStatus } from '../../enums.js';
import { type RequestStatusChangedEvent, TOPICS } from '../../events.js';
import type { ParticipationContext } from '../../loaders.js';
import { requestStats } from './request.queries.js';
import { type MoveRequestInput, RequestService, isTrackingCode, normalizeTrackingCode } from './request.service.js';
import {
  RequestCaseGql, RequestGroupBy, RequestStatsGql, RequestStatusChangeGql, RequestStatusViewGql, SubmitRequestInput, SubmittedRequestGql, SubmitterGql,
} from './request.type.js';

/** Needs `today` as its first parameter. */
const VIEW_COLUMNS = `r.id::text as id, r.tracking_code as "trackingCode", r.kind, r.category, json_build_object('ubigeo', r.ubigeo) as district, r.status,
  case when r.assigned_department is null then null else json_build_object('code', r.assigned_department) end as "assignedDepartment",
  r.submitted_at as "submittedAt", r.due_on::text as "dueOn",
  case when r.closed_at is null then r.due_on < ?::date else (r.closed_at at time zone 'America/Lima')::date > r.due_on end as overdue,
  r.closed_at as "closedAt", r.public_response as "publicResponse", r.rejection_reason as "rejectionReason"`;

const toView = (r: any): RequestStatusViewGql => ({ ...r, submittedAt: new Date(r.submittedAt), closedAt: r.closedAt ? new Date(r.closedAt) : null });

async function viewById(ctx: ParticipationContext, id: string): Promise<RequestStatusViewGql | null> {
  const [row] = await ctx.em.execute<any[]>(`select ${VIEW_COLUMNS} from citizen_request r where r.id = ?`, [ctx.today, id]);
  return row ? toView(row) : null;
}

@ObjectType('RequestCaseEdge')
@Directive('@tag(name: "private")')
class RequestCaseEdge {
  @Field() cursor!: string;
  @Field(() => RequestCaseGql) node!: RequestCaseGql;
}

@ObjectType('RequestCaseConnection')
@Directive('@tag(name: "private")')
class RequestCaseConnection {
  @Field(() => Int) totalCount!: number;
  @Field(() => [RequestCaseEdge]) edges!: RequestCaseEdge[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@Resolver(() => RequestStatusViewGql)
export class RequestResolver {
  @Mutation(() => SubmittedRequestGql, { description: 'Submits a problem, need, complaint, initiative, suggestion or information request. No account needed; keep the tracking code.' })
  submitRequest(@Arg('input', () => SubmitRequestInput) input: SubmitRequestInput, @Ctx() ctx: ParticipationContext) {
    return RequestService.submit(ctx.em, ctx.identity, ctx.config, input);
  }

  @Query(() => RequestStatusViewGql, { nullable: true, description: 'Where a request stands, by its tracking code: status, dates and the public response.' })
  async requestStatus(@Arg('trackingCode') trackingCode: string, @Ctx() ctx: ParticipationContext) {
    const [row] = await ctx.em.execute<any[]>(`select ${VIEW_COLUMNS} from citizen_request r where r.tracking_code = ?`, [ctx.today, normalizeTrackingCode(trackingCode)]);
    return row ? toView(row) : null;
  }

  @Query(() => [RequestStatsGql], { description: 'Anonymized statistics of requests by district, category, kind or status; cells under 5 requests are suppressed.' })
  requestStats(@Arg('groupBy', () => RequestGroupBy) groupBy: RequestGroupBy, @Ctx() ctx: ParticipationContext) {
    return requestStats(ctx.em, groupBy, ctx.today);
  }

  @Query(() => RequestCaseConnection, {
    description: "PRIVATE. Requests assigned to the caller's department (officials only); for the triage department, also the incoming ones to assign.",
  })
  @Directive('@tag(name: "private")')
  async assignedRequests(@Args() pageArgs: PageArgs, @Ctx() ctx: ParticipationContext, @Arg('status', () => [RequestStatus], { nullable: true }) status?: RequestStatus[]) {
    const official = officialOrThrow(ctx.identity);
    const page = pageOrThrow(pageArgs);
    const statuses = status?.length ? status : Object.values(RequestStatus);
    // The triage department also sees the incoming requests it has to assign (but not who sent them).
    const triage = official.department === ctx.config.triageDepartment;
    const rows = await ctx.em.execute<any[]>(
      `select ${VIEW_COLUMNS}, r.description, r.work_id::text as "workId", count(*) over () as "totalCount" from citizen_request r
        where (r.assigned_department = ? or (?::boolean and r.status = 'RECEIVED')) and r.status in (${statuses.map(() => '?').join(', ')})
        order by r.due_on, r.id limit ? offset ?`,
      [ctx.today, official.department, triage, ...statuses, page.limit, page.offset],
    );
    const cases = rows.map((r) => ({ id: r.id, request: toView(r), description: r.description, workId: r.workId }));
    return toConnection(cases, rows.length ? Number(rows[0].totalCount) : 0, page);
  }

  @Mutation(() => RequestStatusViewGql, {
    description: 'Moves a request: ASSIGNED (triage department, with `department`), IN_PROGRESS, RESOLVED (with a public response) or REJECTED (with a reason).',
  })
  async moveRequest(
    @Arg('trackingCode') trackingCode: string,
    @Arg('to', () => RequestStatus) to: RequestStatus,
    @Ctx() ctx: ParticipationContext,
    @Arg('department', { nullable: true }) department?: string,
    @Arg('note', { nullable: true, description: 'Internal note.' }) note?: string,
    @Arg('publicResponse', { nullable: true }) publicResponse?: string,
    @Arg('rejectionReason', { nullable: true }) rejectionReason?: string,
  ) {
    const input: MoveRequestInput = { to, department, note, publicResponse, rejectionReason };
    const id = await RequestService.move(ctx.em, ctx.identity, ctx.config, trackingCode, input);
    return viewById(ctx, id);
  }

  @Subscription(() => RequestStatusViewGql, {
    description: 'Where a request stands, each time it moves (assigned, in progress, resolved, rejected), by its tracking code: '
      + 'the same public view as requestStatus, never who submitted it.',
    subscribe: async ({ args, context }) => {
      const ctx = context as ParticipationContext;
      const code = normalizeTrackingCode(String(args.trackingCode));
      if (!isTrackingCode(code)) throw badUserInput([{ field: 'trackingCode', reason: 'is not a tracking code (HYO-XXXX-XXXX-XXXX)' }]);
      const [request] = await ctx.em.execute<{ id: string }[]>(`select id::text as id from citizen_request where tracking_code = ?`, [code]);
      // Refused now: a code that names no request would otherwise be a subscription that never hears anything.
      if (!request) throw badUserInput([{ field: 'trackingCode', reason: 'is not the tracking code of a request' }]);
      return ctx.events.subscribe(TOPICS.requestStatusChanged, { filter: (e) => e.requestId === request.id });
    },
  })
  async requestStatusChanged(@Root() event: RequestStatusChangedEvent, @Ctx() ctx: ParticipationContext, @Arg('trackingCode') _trackingCode: string) {
    return viewById(ctx, event.requestId);
  }

  @Subscription(() => RequestCaseGql, {
    description: "PRIVATE. A request was assigned to the caller's department (officials only): the case to attend, with who submitted it when they left contact data.",
    subscribe: ({ context }) => {
      const ctx = context as ParticipationContext;
      const official = officialOrThrow(ctx.identity);
      return ctx.events.subscribe(TOPICS.requestStatusChanged, { filter: (e) => e.status === RequestStatus.ASSIGNED && e.department === official.department });
    },
  })
  @Directive('@tag(name: "private")')
  async requestAssigned(@Root() event: RequestStatusChangedEvent, @Ctx() ctx: ParticipationContext) {
    const [row] = await ctx.em.execute<any[]>(`select ${VIEW_COLUMNS}, r.description, r.work_id::text as "workId" from citizen_request r where r.id = ?`, [ctx.today, event.requestId]);
    return { id: row.id, request: toView(row), description: row.description, workId: row.workId };
  }

  @FieldResolver(() => [RequestStatusChangeGql], { description: 'Each status the request went through, oldest first.' })
  history(@Root() view: RequestStatusViewGql, @Ctx() ctx: ParticipationContext) {
    return ctx.loaders.historyOfRequest.load(view.id);
  }
}

@Resolver(() => RequestCaseGql)
export class RequestCaseResolver {
  @FieldResolver(() => SubmitterGql, { nullable: true, description: 'PRIVATE. Who submitted it (null when anonymous). Officials of the assigned department only.' })
  @Directive('@tag(name: "private")')
  async submitter(@Root() requestCase: RequestCaseGql, @Ctx() ctx: ParticipationContext): Promise<SubmitterGql | null> {
    const submitter = await RequestService.submitterOf(ctx.em, ctx.identity, requestCase.id);
    return submitter && { fullName: submitter.fullName, dni: submitter.dni, phone: submitter.phone, email: submitter.email, address: submitter.address };
  }
}
