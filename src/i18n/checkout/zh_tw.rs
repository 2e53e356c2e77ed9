//! 結帳與訂單頁的文字（繁體中文）。

use fourflow_core::checkout::PaymentMethod;
use fourflow_core::delivery::StoreChain;
use fourflow_core::order::OrderStatus;
use fourflow_core::payment::FailureReason;

use super::{taipei_time, weekday_index, CheckoutStrings};

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

fn day(text: &str) -> String {
    match fourflow_core::delivery::Date::parse(text) {
        Some(d) => format!(
            "{}/{}（{}）",
            d.month,
            d.day,
            WEEKDAYS[weekday_index(d.weekday())]
        ),
        None => text.to_owned(),
    }
}

fn range(from: &str, to: &str) -> String {
    if from == to {
        day(from)
    } else {
        format!("{} – {}", day(from), day(to))
    }
}

pub const STRINGS: CheckoutStrings = CheckoutStrings {
    checkout: "結帳",
    checkout_steps: "結帳步驟",
    step_name: |slug| match slug {
        "contact" => "聯絡資料",
        "delivery" => "配送方式",
        "payment" => "付款方式",
        _ => "確認訂單",
    },
    step_contact: "聯絡資料",
    step_delivery: "配送方式",
    step_payment: "付款方式",
    step_review: "確認訂單",
    continue_: "繼續",
    edit: "修改",
    edit_cart: "修改購物車",
    field_error: |field| match field {
        "contact.name" => "請填寫收件人姓名（50 字以內）。",
        "contact.email" => "請填寫正確的電子郵件，例如 name@example.com。",
        "contact.phone" => "請填寫手機號碼：09 開頭共 10 碼。",
        "delivery.postal_code" => "請填寫 3、5 或 6 碼郵遞區號。",
        "delivery.city" => "請選擇縣市。",
        "delivery.district" => "請選擇鄉鎮市區。",
        "delivery.line" => "請填寫街道、巷弄與門牌。",
        "card.number" => "卡號不正確，請再檢查一次。",
        "card.expiry" => "請以 月/年 填寫有效期限（例如 08/28），且卡片不可過期。",
        "card.cvc" => "請填寫卡片背面的 3 碼安全碼。",
        "card.instalments" => "此訂單金額無法選擇這個分期期數。",
        "invoice.carrier" => "載具格式不正確：手機條碼為 / 加 7 碼，自然人憑證為 2 碼英文加 14 碼數字。",
        "invoice.love_code" => "愛心碼為 3 至 7 碼數字。",
        "invoice.tax_id" => "統一編號不正確，請再檢查一次。",
        "invoice.title" => "請填寫公司抬頭（60 字以內）。",
        _ => "請檢查這個欄位。",
    },

    name: "收件人姓名",
    email: "電子郵件",
    email_hint: "訂單確認信與查詢連結會寄到這裡。",
    mobile: "手機號碼",

    delivery_method: "配送方式",
    arrives: |from, to| format!("預計 {} 送達", range(from, to)),
    date_range: range,
    address: "收件地址",
    postal_code: "郵遞區號",
    city: "縣市",
    district: "鄉鎮市區",
    choose_city: "選擇縣市",
    choose_district: "選擇鄉鎮市區",
    street: "街道地址",
    pickup_store: "取貨門市",
    store_chosen: "取貨門市：",
    store_search: "搜尋門市名稱、店號、路名或行政區",
    all_chains: "全部",
    chain_name: |chain| match chain {
        StoreChain::SevenEleven => "7-ELEVEN",
        StoreChain::FamilyMart => "全家",
        StoreChain::HiLife => "萊爾富",
        StoreChain::OkMart => "OK超商",
    },
    open_all_day: "24 小時營業",
    searching: "搜尋中…",
    no_stores: "找不到符合的門市，換個關鍵字試試。",
    choose_store: "請選擇取貨門市。",

    payment: "付款方式",
    payment_method: |m| match m {
        PaymentMethod::Card => "信用卡",
        PaymentMethod::AtmTransfer => "ATM 轉帳",
        PaymentMethod::StoreCode => "超商代碼繳費",
        PaymentMethod::CashOnDelivery => "貨到付款",
        PaymentMethod::EWallet => "電子錢包",
    },
    payment_note: |m| match m {
        PaymentMethod::Card => "Visa、Mastercard、JCB，可分期零利率",
        PaymentMethod::AtmTransfer => "取得專屬虛擬帳號，3 天內轉帳即可",
        PaymentMethod::StoreCode => "至 7-ELEVEN、全家輸入代碼繳費",
        PaymentMethod::CashOnDelivery => "收到包裹時付現（取貨付款）",
        PaymentMethod::EWallet => "LINE Pay、街口支付、Apple Pay：前往錢包完成付款",
    },
    cod_too_large: "訂單超過 NT$20,000，無法貨到付款",
    choose_payment: "請選擇付款方式。",
    instalments: "分期",
    instalment_plan: |n| if n <= 1 { "一次付清".into() } else { format!("{n} 期零利率") },
    sandbox_cards: "示範商店：請用測試卡號 4242 4242 4242 4242（成功）、4000 0000 0000 3220（3-D 驗證）、4000 0000 0000 0002（拒絕）。",
    card_number: "卡號",
    card_expiry: "有效期限",
    card_cvc: "安全碼",
    check_card: "請先確認信用卡資料。",
    invoice: "電子發票",
    invoice_kind: |kind| match kind {
        "mobile_barcode" => "手機條碼",
        "certificate" => "自然人憑證",
        "donation" => "捐贈發票",
        "company" => "公司（統編）",
        _ => "會員載具",
    },
    invoice_member_note: "發票存入四流選物會員載具，中獎時我們會通知您並寄送紙本。",
    invoice_barcode: "手機條碼",
    invoice_barcode_hint: "財政部手機條碼：/ 加 7 碼英數字。",
    invoice_certificate: "自然人憑證條碼",
    invoice_charity: "捐贈對象",
    invoice_love_code: "或輸入愛心碼",
    invoice_tax_id: "統一編號",
    invoice_title: "公司抬頭",
    invoice_pending: "收到款項後開立",
    invoice_voided: "已作廢",
    invoice_allowance: |amount| format!("已折讓 {amount}"),

    hold_note: |minutes| {
        if minutes >= 24 * 60 {
            format!("下單後，商品會為您保留 {} 天等待付款。", minutes / (24 * 60))
        } else {
            format!("下單後，商品會為您保留 {minutes} 分鐘等待付款。")
        }
    },
    place_order: "確認下單",
    placing: "送出中…",
    place_terms: "按下「確認下單」即表示您同意本店的購物條款與退換貨政策。",
    place_offline: "網路連線中斷，訂單尚未送出。恢復連線後再按一次即可，不會重複下單。",
    refused: |code, field| match code {
        "out_of_stock" => "很抱歉，有商品剛剛售完或庫存不足，請回購物車調整。".into(),
        "unknown_sku" => "購物車中有商品已下架，請回購物車調整。".into(),
        _ if field == "coupon" => "優惠碼已無法使用，請回購物車移除後再結帳。".into(),
        "shipping_unavailable" => "這個配送方式無法寄送目前的商品，請換一種配送方式。".into(),
        "not_awaiting_payment" => "這筆訂單目前不需要付款。".into(),
        _ if field.starts_with("delivery.store") => "找不到這家門市，請重新選擇取貨門市。".into(),
        _ if field == "payment_method" => "訂單超過 NT$20,000，無法貨到付款，請改用其他付款方式。".into(),
        _ if field.is_empty() => "訂單無法送出，請稍後再試。".into(),
        _ => "有資料需要修正，請檢查後再送出。".into(),
    },
    fix_it: "前往修正",

    order_title: |number| format!("訂單 {number}"),
    placed_at: |at| format!("{at} 成立"),
    status: |s| match s {
        OrderStatus::PendingPayment => "等待付款",
        OrderStatus::Paid => "已付款",
        OrderStatus::Processing => "備貨中",
        OrderStatus::Shipped => "已出貨",
        OrderStatus::InTransit => "配送中",
        OrderStatus::OutForDelivery => "即將送達",
        OrderStatus::Delivered => "已送達",
        OrderStatus::Cancelled => "已取消",
        OrderStatus::RefundRequested => "退款申請中",
        OrderStatus::Refunded => "已退款",
    },
    event: |kind| match kind {
        "placed" => Some("訂單成立"),
        "stock_released" => Some("保留的商品已釋出"),
        "payment_started" => Some("開始付款"),
        "payment_failed" => Some("付款未成功"),
        "payment_refunded" => Some("款項已退回"),
        "payment_voided" => Some("信用卡授權已取消，未扣款"),
        "return_requested" => Some("申請退貨退款"),
        "return_declined" => Some("退貨申請未通過"),
        _ => None,
    },
    date_time: |at| match taipei_time(at) {
        Some((d, h, m)) => format!("{}/{}/{} {h:02}:{m:02}", d.year, d.month, d.day),
        None => at.to_owned(),
    },
    my_orders: "我的訂單",
    orders_on_this_device: "在這台裝置上成立的訂單。",
    no_orders: "還沒有訂單。",
    estimated_delivery: "預計送達",
    delivery_to: "配送資訊",
    carrier: "物流",
    carrier_name: |code| match code {
        "sandbox" => "四流物流（測試環境）".into(),
        other => other.to_owned(),
    },
    ready_for_pickup: "可取貨",
    tracking_number: "貨件編號",
    timeline: "訂單進度",
    held_until: |at| format!("商品為您保留到 {at}，逾時未付款將自動取消。"),
    pay_by_transfer: "請於期限內完成 ATM 轉帳",
    bank_code: "銀行代碼",
    account_number: "虛擬帳號",
    amount: "金額",
    pay_before: "繳費期限",
    transfer_note: "轉帳完成後，付款狀態會自動更新，無需通知我們。",
    pay_at_store: "請於期限內至超商繳費",
    payment_code: "繳費代碼",
    store_code_note: "在 7-ELEVEN ibon 或全家 FamiPort 輸入代碼，列印繳費單至櫃檯付款。",
    finish_payment: "付款尚未完成",
    continue_payment: "繼續付款",
    payment_pending: "正在確認付款",
    payment_pending_note: "銀行確認後會自動更新，通常只需幾秒鐘。",
    pay_now: "完成付款",
    payment_failed: |reason| match reason {
        FailureReason::Declined => "發卡銀行拒絕了這筆交易，請換一張卡或改用其他方式。",
        FailureReason::InsufficientFunds => "卡片額度不足，請換一張卡再試。",
        FailureReason::AuthenticationFailed => "3-D 驗證未通過，請再試一次。",
        FailureReason::Expired => "付款期限已過。",
    },
    pay_with: |m| match m {
        PaymentMethod::Card => "以信用卡付款".into(),
        PaymentMethod::AtmTransfer => "取得轉帳帳號".into(),
        PaymentMethod::StoreCode => "取得繳費代碼".into(),
        _ => "前往電子錢包".into(),
    },
    pay_another_way: "付款方式",
    preparing: "我們正在為您備貨",
    preparing_note: "出貨後會寄信通知，並在這裡顯示貨件編號與配送進度。",
    collect_at: |store| format!("包裹已到 {store}，可以取貨了"),
    collect_note: "請攜帶證件並告知手機末三碼取貨。",

    return_title: "申請退貨退款",
    return_note: |until| format!("收到商品後 7 天內（七天鑑賞期）可申請退貨退款，期限至 {until}。"),
    return_reason: "退貨原因",
    return_reason_hint: "例如尺寸不合、商品有瑕疵，最多 500 字。",
    return_reason_needed: "請填寫退貨原因。",
    return_reason_too_long: "退貨原因最多 500 字。",
    send_return: "送出申請",
    sending_return: "送出中…",
    not_now: "先不要",
    return_refused: |code| match code {
        "already_requested" => "這筆訂單已申請過退貨，請等候我們處理。",
        "return_window_closed" => "已超過收到商品後 7 天的鑑賞期，無法線上申請退貨；如有需要，請聯絡客服。",
        "not_delivered" => "商品送達後才能申請退貨。",
        "already_refunded" => "這筆訂單已經退款。",
        "order_changed" => "訂單狀態剛有變動，請重新整理後再試。",
        "not_found" => "找不到這筆訂單，請確認連結是否正確。",
        _ => "申請沒有送出，請稍後再試。",
    },
    return_requested: "已收到您的退貨申請",
    return_requested_note: "我們會盡快與您聯繫，安排收回商品並退款。",

    saved_addresses: "常用地址",
    have_account_prompt: "已經是會員？",
    sign_in_to_prefill: "登入後自動帶入資料",
};
