// The calendar and booking rules (pure): see README.md in this folder.
export * from './days.js';
export * from './deadlines.js';
export * from './holidays.js';
export * from './school-holidays.js';
export * from './opening.js';
export * from './booking-rules.js';
export * from './age-groups.js';
