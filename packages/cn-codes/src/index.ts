export { CnCodesError, type CnCodesErrorCode } from './errors.ts';
export { validateIdNumber, idNumberCheckChar, type IdNumberResult, type IdNumberFailure } from './id-number.ts';
export {
  validateCreditCode,
  creditCodeCheckChar,
  type CreditCodeResult,
  type CreditCodeFailure,
} from './credit-code.ts';
export { isMobile } from './mobile.ts';
export { maskIdNumber, maskPhone } from './mask.ts';
export { makeIdNumber, makeCreditCode, type IdNumberSpec } from './synthetic.ts';
export { PROVINCE_PREFIXES } from './provinces.ts';
