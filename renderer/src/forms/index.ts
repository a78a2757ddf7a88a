// The generic form pieces, shared by the parents' app and the admin back office
// (read-only dossier view, live preview of a definition being authored).
export { Wizard, type WizardProps } from './Wizard.js';
export { DossierSummary, type DossierSummaryProps } from './DossierSummary.js';
export { StepForm, categoriesOf, type StepFormProps, type CategoryElement } from './StepForm.js';
export { LegalNoticeStep, type LegalNoticeStepProps } from './LegalNoticeStep.js';
export { WizardStepper, type WizardStepperProps } from './WizardStepper.js';
export { ErrorSummary, type SummaryEntry } from './ErrorSummary.js';
export { JustificatifField, JustificatifProvider, JustificatifRenderer, justificatifTester, isRequired, type JustificatifContextValue } from './JustificatifRenderer.js';
export { FormsProvider } from './FormsProvider.js';
export { renderers, cells, focusField } from './renderers.js';
export { frenchI18n, formsConfig, translate } from './i18n.js';
export { schemaInterpreter } from './schemaInterpreter.js';
export { labelAt, scopeToPointer, errorPointer } from './pointers.js';
export type { WizardBackend, WizardDossier, WizardDefinition, StepCheck, Attachments } from './types.js';
