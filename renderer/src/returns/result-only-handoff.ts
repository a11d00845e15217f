import type { ProcedureDetail } from '../../../shared/contract/index.js';
import type { ResultOnlyInput } from '../../../shared/contract/returns.js';
import type { SenderState } from '../intake/form-state.js';

/** What F2 held when the clerk chose "Nhận kết quả": F3's "Chỉ nhận kết quả" form starts from it. */
export interface ResultOnlyHandoff {
  sender: SenderState;
  procedure: ProcedureDetail | null;
  returnMethod: ResultOnlyInput['returnMethod'];
  deliveryAddress: string;
}
