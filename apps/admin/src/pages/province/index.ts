// The province workspace, loaded as one chunk only by the accounts that use it.
export { ComplaintPage, ComplaintsPage, RecordComplaintPage } from './ComplaintsPages';
export { ExternalFiguresPage } from './ExternalFiguresPage';
export { KpiDashboardPage, YearlyReportPage } from './NotYetAvailablePages';
export { OcopQueuePage } from './OcopQueuePage';
export { OrganisationReviewPage } from './OrganisationReviewPage';
export { OrganisationsPage } from './OrganisationsPage';
export { NewTrainingEventPage, TrainingEventPage, TrainingEventsPage } from './TrainingPages';
