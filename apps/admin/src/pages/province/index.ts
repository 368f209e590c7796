// The province workspace, loaded as one chunk only by the accounts that use it.
export { ComplaintPage, ComplaintsPage, RecordComplaintPage } from './ComplaintsPages';
export { ExternalFiguresPage } from './ExternalFiguresPage';
export { KpiDashboardPage } from './KpiDashboardPage';
export { KpiRecordsPage } from './KpiRecordsPage';
export { OcopQueuePage } from './OcopQueuePage';
export { OrganisationReviewPage } from './OrganisationReviewPage';
export { OrganisationsPage } from './OrganisationsPage';
export { PlanPage } from './PlanPage';
export { PlansPage } from './PlansPage';
export { YearlyReportPage } from './ReportsPage';
export { NewTrainingEventPage, TrainingEventPage, TrainingEventsPage } from './TrainingPages';
