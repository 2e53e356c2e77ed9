//! Convenience stores that take parcels for pickup: a demo list of 7-ELEVEN and FamilyMart
//! stores in Taipei, New Taipei, Taichung and Kaohsiung (`pickup_stores.json`), searched by the
//! checkout's store picker, and the check that an order names one of them.

use std::sync::LazyLock;

use fourflow_core::checkout::Delivery;
use fourflow_core::delivery::{PickupStore, PickupStoreList, StoreChain};

use crate::error::ApiError;

static STORES: LazyLock<Vec<PickupStore>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("pickup_stores.json")).expect("the store list is valid")
});

/// The largest page a search answers.
pub const MAX_PER_PAGE: u32 = 50;

pub fn all() -> &'static [PickupStore] {
    &STORES
}

pub fn find(id: &str) -> Option<&'static PickupStore> {
    STORES.iter().find(|s| s.id == id)
}

/// Stores matching `query` (name, number, address, city or district) of `chain`, a page at a
/// time.
pub fn search(query: &str, chain: Option<StoreChain>, page: u32, per_page: u32) -> PickupStoreList {
    let page = page.max(1);
    let per_page = per_page.clamp(1, MAX_PER_PAGE);
    let found: Vec<&PickupStore> = STORES.iter().filter(|s| s.matches(query, chain)).collect();
    PickupStoreList {
        total: found.len() as u32,
        items: found
            .into_iter()
            .skip(((page - 1) * per_page) as usize)
            .take(per_page as usize)
            .cloned()
            .collect(),
        page,
        per_page,
    }
}

/// A store delivery must name a store we know, of the chain it says: 422 on
/// `delivery.store_id` otherwise. An address passes.
pub fn check_delivery(delivery: &Delivery) -> Result<(), ApiError> {
    let Delivery::Store {
        chain, store_id, ..
    } = delivery
    else {
        return Ok(());
    };
    match find(store_id.trim()) {
        Some(store) if store.chain.eq_ignore_ascii_case(chain.trim()) => Ok(()),
        _ => Err(ApiError::Rejected {
            code: "unknown_store",
            field: "delivery.store_id".into(),
            message: format!("is not a {chain} store that takes parcels: choose one from the list"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_chain_in_four_cities_with_unique_ids_in_real_places() {
        let stores = all();
        assert!(stores.len() >= 55);
        for chain in StoreChain::ALL {
            let count = stores.iter().filter(|s| s.chain == chain.as_str()).count();
            assert!(count >= 8, "{chain:?}: {count}");
        }
        let areas = fourflow_core::delivery::areas::taiwan();
        for s in stores {
            assert!(areas.district(&s.city, &s.district).is_some(), "{}", s.name);
            assert!(s.address.starts_with(&format!("{}{}", s.city, s.district)));
        }
        assert!(stores.iter().any(|s| s.hours.is_some()));
        for city in ["台北市", "新北市", "台中市", "高雄市"] {
            assert!(stores.iter().any(|s| s.city == city), "{city}");
        }
        let mut ids: Vec<_> = stores.iter().map(|s| &s.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), stores.len());
    }

    #[test]
    fn search_pages_and_filters() {
        let daan = search("大安", None, 1, 10);
        assert!(daan.total >= 3);
        assert!(
            !daan.items.is_empty(),
            "the first page of a search that found some"
        );
        assert!(daan.items.iter().all(|s| s.matches("大安", None)));
        let family = search("大安", Some(StoreChain::FamilyMart), 1, 10);
        assert!(family.total >= 1 && family.total < daan.total);
        let page2 = search("", None, 2, 20);
        assert_eq!((page2.page, page2.items.len()), (2, 20));
        assert_eq!(search("不存在的地方", None, 1, 10).total, 0);
    }

    #[test]
    fn an_order_must_name_a_known_store_of_its_chain() {
        let store = |chain: &str, id: &str| Delivery::Store {
            chain: chain.into(),
            store_id: id.into(),
            store_name: "大安門市".into(),
        };
        assert!(check_delivery(&store("7-ELEVEN", "131386")).is_ok());
        assert!(check_delivery(&store("FamilyMart", "131386")).is_err());
        assert!(check_delivery(&store("7-ELEVEN", "999999")).is_err());
    }
}
