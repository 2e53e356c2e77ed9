//! Where a courier can go in Taiwan: the official counties and cities (縣市), their townships
//! and districts (鄉鎮市區), and each one's three-digit postal code (`areas.txt`). Forms offer
//! them as linked choices (`GET /api/v1/address-areas`) and the server checks every address
//! against them, so an order never carries a district its county does not have, or a postal
//! code that sends the parcel elsewhere.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::error::FieldError;
use crate::search::normalize;
use crate::Localized;

/// `GET /api/v1/address-areas`: every county with its districts, in the order Chunghwa Post
/// lists them (north to south, the islands last).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressAreas {
    pub counties: Vec<County>,
}

/// A county or special municipality (臺北市, 新竹縣). `name.zh_tw` is what an address carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct County {
    pub name: Localized,
    pub districts: Vec<District>,
}

/// A township, county-administered city or district (大安區, 竹北市, 礁溪鄉).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct District {
    pub name: Localized,
    /// Three digits; a full code adds two or three more (`10617`, `106017`).
    pub postal_code: String,
}

/// Taiwan's areas, read once from the hand-written list.
pub fn taiwan() -> &'static AddressAreas {
    static AREAS: LazyLock<AddressAreas> = LazyLock::new(|| read(include_str!("areas.txt")));
    &AREAS
}

fn read(text: &str) -> AddressAreas {
    let mut counties: Vec<County> = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (first, rest) = line
            .split_once(' ')
            .expect("areas.txt: a name and its English");
        if first.starts_with(|c: char| c.is_ascii_digit()) {
            let (zh_tw, en) = rest.split_once(' ').expect("areas.txt: a district's names");
            let county = counties.last_mut().expect("areas.txt: a county first");
            county.districts.push(District {
                name: Localized {
                    zh_tw: zh_tw.to_owned(),
                    en: format!("{en} {}", english_kind(zh_tw)),
                },
                postal_code: first.to_owned(),
            });
        } else {
            counties.push(County {
                name: Localized {
                    zh_tw: first.to_owned(),
                    en: rest.to_owned(),
                },
                districts: Vec::new(),
            });
        }
    }
    AddressAreas { counties }
}

/// As Chunghwa Post writes the kind of a district in English.
fn english_kind(zh_tw: &str) -> &'static str {
    match zh_tw.chars().last() {
        Some('區') => "Dist.",
        Some('市') => "City",
        _ => "Township",
    }
}

impl AddressAreas {
    /// The county called `name` (臺 and 台 alike, spaces ignored).
    pub fn county(&self, name: &str) -> Option<&County> {
        let name = fold(name);
        self.counties.iter().find(|c| fold(&c.name.zh_tw) == name)
    }

    /// The district called `district` of the county called `city`, if it has one.
    pub fn district(&self, city: &str, district: &str) -> Option<&District> {
        let wanted = fold(district);
        self.county(city)?
            .districts
            .iter()
            .find(|d| fold(&d.name.zh_tw) == wanted)
    }

    /// Whether `city`, `district` and `postal_code` name one place: a county, one of its
    /// districts, and a postal code that begins with that district's. Fields are named as in
    /// checkout (`delivery.city`, …) with `prefix` (`delivery.` or empty).
    pub fn check(
        &self,
        prefix: &str,
        city: &str,
        district: &str,
        postal_code: &str,
    ) -> Result<(), FieldError> {
        let field = |name: &str| format!("{prefix}{name}");
        let county = self.county(city).ok_or_else(|| {
            FieldError::said(
                field("city"),
                "must be a county or city of Taiwan, like 臺北市",
                "請選擇臺灣的縣市，例如臺北市",
            )
        })?;
        let place = self.district(city, district).ok_or_else(|| {
            FieldError::said(
                field("district"),
                format!("must be a district of {}", county.name.zh_tw),
                format!("請選擇{}的鄉鎮市區", county.name.zh_tw),
            )
        })?;
        if !postal_code.trim().starts_with(&place.postal_code) {
            let (code, place) = (&place.postal_code, &place.name.zh_tw);
            return Err(FieldError::said(
                field("postal_code"),
                format!(
                    "must begin with {code}, the postal code of {}{place}",
                    county.name.zh_tw
                ),
                format!("{}{place}的郵遞區號是 {code} 開頭", county.name.zh_tw),
            ));
        }
        Ok(())
    }
}

fn fold(text: &str) -> String {
    normalize(text).replace(' ', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_and_district_is_there_once_with_a_three_digit_code() {
        let areas = taiwan();
        assert_eq!(areas.counties.len(), 22);
        let districts: usize = areas.counties.iter().map(|c| c.districts.len()).sum();
        assert_eq!(districts, 368);
        for county in &areas.counties {
            let mut names: Vec<&str> = county.districts.iter().map(|d| &*d.name.zh_tw).collect();
            names.sort();
            names.dedup();
            assert_eq!(names.len(), county.districts.len(), "{}", county.name.zh_tw);
            for d in &county.districts {
                assert!(
                    d.postal_code.len() == 3 && d.postal_code.bytes().all(|b| b.is_ascii_digit()),
                    "{}{}",
                    county.name.zh_tw,
                    d.name.zh_tw
                );
                assert!(!d.name.en.starts_with(' ') && d.name.en.contains(' '));
            }
        }
    }

    #[test]
    fn names_read_in_both_languages() {
        let taipei = taiwan().county("台北市").unwrap();
        assert_eq!(taipei.name.en, "Taipei City");
        let daan = &taipei.districts[4];
        assert_eq!(
            (&*daan.name.zh_tw, &*daan.name.en, &*daan.postal_code),
            ("大安區", "Da'an Dist.", "106")
        );
        let hsinchu = taiwan().county("新竹縣").unwrap();
        assert_eq!(hsinchu.districts[0].name.en, "Zhubei City");
        assert_eq!(hsinchu.districts[1].name.en, "Hukou Township");
    }

    #[test]
    fn an_address_is_one_place_with_臺_and_台_alike() {
        let areas = taiwan();
        for (city, district, postal) in [
            ("臺北市", "大安區", "106"),
            ("台北市", "大安區", "10617"),
            ("臺中市", "大安區", "439"),
            ("台東縣", "臺東市", "950"),
            ("雲林縣", "台西鄉", "636001"),
            ("新竹市", "香山區", "300"),
        ] {
            assert_eq!(
                areas.check("", city, district, postal),
                Ok(()),
                "{city}{district}"
            );
        }
        let field = |city, district, postal| {
            areas
                .check("delivery.", city, district, postal)
                .unwrap_err()
                .field
        };
        assert_eq!(field("台北縣", "大安區", "106"), "delivery.city");
        assert_eq!(field("台北市", "板橋區", "220"), "delivery.district");
        assert_eq!(field("台北市", "大安區", "220"), "delivery.postal_code");
        assert_eq!(field("台中市", "大安區", "106"), "delivery.postal_code");
    }
}
