/**
 * The two charging methods of 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), as the 收费通知书 states them
 * ({{计费方式}}, {{收费标准}}). One application is charged by one method only, never both. The amounts themselves are
 * computed by the case core's calculators; these are the words the notice prints.
 */
export type FeeMethod = 'byItem' | 'byVolume';

export const FEE_METHOD_LABELS: Record<FeeMethod, string> = {
  byItem: '按件计收',
  byVolume: '按量计收',
};

export const FEE_STANDARD_TEXT: Record<FeeMethod, string> = {
  byItem:
    '同一申请人在一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，收费标准为100元/件；' +
    '31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件。',
  byVolume:
    '同一政府信息公开申请中，30页以下（含30页）的，不收费；31—100页（含100页）的部分，收费标准为10元/页；' +
    '101—200页（含200页）的部分，收费标准为20元/页；200页以上的部分，收费标准为40元/页。',
};

/** The payment period: 20 working days from the day after the applicant receives the 收费通知 (109号). */
export const FEE_PAYMENT_WORKING_DAYS = 20;
