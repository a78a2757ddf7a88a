import type { ValidateFunction } from 'ajv';
export const SOURCE_HASH: string;
export const procedure: ValidateFunction;
export const uischema: ValidateFunction;
export const workflow: ValidateFunction;
export const scenario: ValidateFunction;
