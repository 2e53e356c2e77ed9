//! What checkout and the account keep and read without serde (see [`super::from`]): the
//! checkout draft kept in this browser, the orders placed from it, the pickup stores, the
//! shopper's profile and address book.

use fourflow_core::account::{Address, AddressInput, Profile};
use fourflow_core::checkout::{Contact, PaymentMethod};
use fourflow_core::delivery::{OpeningHours, PickupStore, PickupStoreList};
use fourflow_core::invoice::InvoiceChoice;
use fourflow_core::payment::NextAction;

use super::{member, FromJson, Json, Object, ToJson};
use crate::state::checkout::{self as draft, CheckoutDraft, PlacedOrder};
use crate::{json_enum, json_struct};

json_struct!(CheckoutDraft {
    contact,
    address,
    store,
    payment_method,
    instalments,
    invoice = default,
    attempt
});
json_struct!(Contact { name, email, phone });
json_struct!(PlacedOrder { number, token });
json_enum!(PaymentMethod {
    Card = "card",
    AtmTransfer = "atm_transfer",
    StoreCode = "store_code",
    CashOnDelivery = "cash_on_delivery",
    EWallet = "e_wallet",
});

/// The draft's address, under its own name in this module: core has an `Address` too.
type DraftAddress = draft::Address;
json_struct!(DraftAddress {
    postal_code,
    city,
    district,
    line
});

json_struct!(PickupStoreList {
    items,
    total,
    page,
    per_page
});
json_struct!(PickupStore {
    id,
    chain,
    name,
    city,
    district,
    address,
    hours = default
});
json_struct!(OpeningHours { opens, closes });

json_struct!(Profile {
    email,
    name,
    email_verified,
    role,
    created_at,
    invoice = default
});
json_struct!(AddressInput {
    label,
    name,
    phone,
    postal_code,
    city,
    district,
    line,
    is_default = default
});

/// `{"id": 3, "label": …}`: the entry's fields beside its id (serde's `flatten`).
impl FromJson for Address {
    fn from_json(json: &Json) -> Option<Self> {
        Some(Address {
            id: member(json, "id", i64::absent)?,
            fields: AddressInput::from_json(json)?,
        })
    }
}

/// `{"kind": "company", "tax_id": "…", "title": "…"}`: the kind, then the fields it needs.
impl FromJson for InvoiceChoice {
    fn from_json(json: &Json) -> Option<Self> {
        let text = |name| member(json, name, String::absent);
        Some(match json.member("kind")?.str()? {
            "member_carrier" => InvoiceChoice::MemberCarrier,
            "mobile_barcode" => InvoiceChoice::MobileBarcode {
                carrier: text("carrier")?,
            },
            "certificate" => InvoiceChoice::Certificate {
                carrier: text("carrier")?,
            },
            "donation" => InvoiceChoice::Donation {
                love_code: text("love_code")?,
            },
            "company" => InvoiceChoice::Company {
                tax_id: text("tax_id")?,
                title: text("title")?,
            },
            _ => return None,
        })
    }
}

impl ToJson for InvoiceChoice {
    fn write_json(&self, out: &mut String) {
        let mut object = Object::open(out);
        object.member("kind", self.kind());
        match self {
            InvoiceChoice::MemberCarrier => {}
            InvoiceChoice::MobileBarcode { carrier } | InvoiceChoice::Certificate { carrier } => {
                object.member("carrier", carrier)
            }
            InvoiceChoice::Donation { love_code } => object.member("love_code", love_code),
            InvoiceChoice::Company { tax_id, title } => {
                object.member("tax_id", tax_id);
                object.member("title", title);
            }
        }
        object.close();
    }
}

/// `{"type": "redirect", "url": …}` and the other steps a payment may ask of the shopper.
impl FromJson for NextAction {
    fn from_json(json: &Json) -> Option<Self> {
        let text = |name| member(json, name, String::absent);
        Some(match json.member("type")?.str()? {
            "redirect" => NextAction::Redirect { url: text("url")? },
            "atm_transfer" => NextAction::AtmTransfer {
                bank_code: text("bank_code")?,
                account: text("account")?,
                expires_at: text("expires_at")?,
            },
            "store_code" => NextAction::StoreCode {
                code: text("code")?,
                expires_at: text("expires_at")?,
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use fourflow_core::account::AddressInput;

    use super::*;
    use crate::json::shop::tests::{kept, same};

    fn store(hours: Option<OpeningHours>) -> PickupStore {
        PickupStore {
            id: "3217".into(),
            chain: "Hi-Life".into(),
            name: "萊爾富台北師大店".into(),
            city: "台北市".into(),
            district: "大安區".into(),
            address: "台北市大安區師大路 49 號".into(),
            hours,
        }
    }

    #[test]
    fn the_draft_is_kept_as_serde_keeps_it_with_every_invoice_choice() {
        let choices = [
            InvoiceChoice::MemberCarrier,
            InvoiceChoice::MobileBarcode {
                carrier: "/ABC+123".into(),
            },
            InvoiceChoice::Certificate {
                carrier: "AB12345678901234".into(),
            },
            InvoiceChoice::Donation {
                love_code: "919".into(),
            },
            InvoiceChoice::Company {
                tax_id: "04595257".into(),
                title: "四流股份有限公司".into(),
            },
        ];
        for invoice in choices {
            kept(CheckoutDraft {
                contact: Contact {
                    name: "林小美".into(),
                    email: "mei@example.tw".into(),
                    phone: "0912345678".into(),
                },
                address: DraftAddress {
                    postal_code: "10617".into(),
                    city: "臺北市".into(),
                    district: "大安區".into(),
                    line: "羅斯福路四段 1 號".into(),
                },
                store: Some(store(Some(OpeningHours {
                    opens: "07:00".into(),
                    closes: "23:00".into(),
                }))),
                payment_method: Some(PaymentMethod::EWallet),
                instalments: 3,
                invoice,
                attempt: Some("order-1".into()),
            });
        }
        kept(CheckoutDraft::default());
        kept(PlacedOrder {
            number: "FF20261125-ABCDEF".into(),
            token: "f".repeat(64),
        });
    }

    #[test]
    fn every_next_step_of_a_payment_reads_as_serde_reads_it() {
        for action in [
            NextAction::Redirect {
                url: "/payments/sandbox/pay_1".into(),
            },
            NextAction::AtmTransfer {
                bank_code: "822".into(),
                account: "9988776655443322".into(),
                expires_at: "2026-12-04T00:00:00Z".into(),
            },
            NextAction::StoreCode {
                code: "AB12".into(),
                expires_at: "2026-12-04T00:00:00Z".into(),
            },
        ] {
            same(action);
        }
    }

    #[test]
    fn stores_profiles_and_addresses_read_as_serde_reads_them() {
        same(PickupStoreList {
            items: vec![store(None)],
            total: 1,
            page: 1,
            per_page: 20,
        });
        same(Profile {
            email: "mei@example.tw".into(),
            name: "林小美".into(),
            email_verified: true,
            role: "customer".into(),
            created_at: "2026-11-25T08:00:00Z".into(),
            invoice: Some(InvoiceChoice::Donation {
                love_code: "919".into(),
            }),
        });
        same(Address {
            id: 3,
            fields: AddressInput {
                label: "家".into(),
                name: "王小明".into(),
                phone: "0912345678".into(),
                postal_code: "106".into(),
                city: "臺北市".into(),
                district: "大安區".into(),
                line: "復興南路一段 1 號".into(),
                is_default: true,
            },
        });
    }
}
