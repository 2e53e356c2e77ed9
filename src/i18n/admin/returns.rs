//! The orders console's words for a return the shopper requested (七天鑑賞期), zh-TW and
//! English.

pub struct ReturnStrings {
    pub requested: &'static str,
    /// What the shopper wrote, introduced.
    pub shopper_says: &'static str,
    pub refund_it: &'static str,
    pub decline: &'static str,
    pub decline_note: &'static str,
    pub confirm_decline: &'static str,
}

pub const ZH_TW: ReturnStrings = ReturnStrings {
    requested: "顧客申請退貨退款",
    shopper_says: "顧客說明的原因：",
    refund_it: "收回商品後，用「退款」整筆或部分退款；不同意退貨則按「不受理」。",
    decline: "不受理退貨",
    decline_note: "訂單會回到「已送達」。顧客會在訂單頁看到這個原因，請寫給顧客看。",
    confirm_decline: "確認不受理",
};

pub const EN: ReturnStrings = ReturnStrings {
    requested: "The shopper asks to return the order",
    shopper_says: "Their reason:",
    refund_it: "Once the items are back, refund the order in full or in part; or decline the return.",
    decline: "Decline the return",
    decline_note: "The order goes back to delivered. The shopper reads this reason on their order page: write it to them.",
    confirm_decline: "Decline",
};
