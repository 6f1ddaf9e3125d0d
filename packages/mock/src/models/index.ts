// The state models of stateful mode, by registry API name. An API without one is served by
// Prism alone, stateful or not (its port still has the reset route, which then resets nothing).
import type { ApiName } from '../contracts.js';
import type { ModelFactory } from '../state/model.js';
import { createHuaweiVbsModel } from './huawei-vbs.js';

export const stateModels: Readonly<Partial<Record<ApiName, ModelFactory>>> = {
  'huawei-vbs': createHuaweiVbsModel,
};
