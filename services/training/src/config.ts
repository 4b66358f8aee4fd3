import { type Static, Type } from '@sinclair/typebox';
import { BaseConfig } from '@tongxin/service-platform';

/** The training service needs nothing beyond the settings every service reads. */
export const TrainingConfig = Type.Composite([BaseConfig, Type.Object({})]);
export type TrainingConfig = Static<typeof TrainingConfig> & { SCHEMA: string };

export const SCHEMA = 'training';
