//! Picking a variant from size × colour: which choices can be bought, and what a click selects.
//!
//! The rule a shopper expects: a value that cannot be bought in any combination is disabled;
//! a value that can be bought, but not with the other value currently chosen, stays clickable
//! and moves the other choice to one that is in stock.

use super::Variant;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionChoice {
    pub value: String,
    /// A buyable variant has this value together with the other choice as currently selected.
    pub available: bool,
    /// A buyable variant has this value with some value of the other dimension.
    pub purchasable: bool,
}

/// A view over one product's variants.
#[derive(Debug, Clone, Copy)]
pub struct VariantPicker<'a> {
    variants: &'a [Variant],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dimension {
    Size,
    Colour,
}

impl Dimension {
    fn of(self, v: &Variant) -> Option<&str> {
        match self {
            Dimension::Size => v.size.as_deref(),
            Dimension::Colour => v.colour.as_deref(),
        }
    }
    fn other(self) -> Dimension {
        match self {
            Dimension::Size => Dimension::Colour,
            Dimension::Colour => Dimension::Size,
        }
    }
}

impl<'a> VariantPicker<'a> {
    pub fn new(variants: &'a [Variant]) -> Self {
        VariantPicker { variants }
    }

    /// The variant to show when the page opens: the one named by `?sku=` if it exists,
    /// else the first that can be bought, else the first.
    pub fn initial(&self, sku: Option<&str>) -> Option<&'a Variant> {
        sku.and_then(|sku| self.variants.iter().find(|v| v.sku.as_str() == sku))
            .or_else(|| self.variants.iter().find(|v| v.stock().can_buy()))
            .or_else(|| self.variants.first())
    }

    /// The variant with exactly this size and colour.
    pub fn find(&self, size: Option<&str>, colour: Option<&str>) -> Option<&'a Variant> {
        self.variants
            .iter()
            .find(|v| v.size.as_deref() == size && v.colour.as_deref() == colour)
    }

    pub fn sizes(&self, sizes: &[String], colour: Option<&str>) -> Vec<OptionChoice> {
        self.choices(Dimension::Size, sizes.iter().map(String::as_str), colour)
    }

    pub fn colours<'c>(
        &self,
        colours: impl IntoIterator<Item = &'c str>,
        size: Option<&str>,
    ) -> Vec<OptionChoice> {
        self.choices(Dimension::Colour, colours, size)
    }

    /// What choosing `size` selects, given the colour chosen now.
    pub fn choose_size(&self, size: &str, colour: Option<&str>) -> Option<&'a Variant> {
        self.choose(Dimension::Size, size, colour)
    }

    /// What choosing `colour` selects, given the size chosen now.
    pub fn choose_colour(&self, colour: &str, size: Option<&str>) -> Option<&'a Variant> {
        self.choose(Dimension::Colour, colour, size)
    }

    fn choices<'v>(
        &self,
        dim: Dimension,
        values: impl IntoIterator<Item = &'v str>,
        other: Option<&str>,
    ) -> Vec<OptionChoice> {
        values
            .into_iter()
            .map(|value| {
                let buyable = |v: &&Variant| dim.of(v) == Some(value) && v.stock().can_buy();
                OptionChoice {
                    value: value.to_owned(),
                    available: self
                        .variants
                        .iter()
                        .filter(buyable)
                        .any(|v| other.is_none() || dim.other().of(v) == other),
                    purchasable: self.variants.iter().any(|v| buyable(&v)),
                }
            })
            .collect()
    }

    /// Keep the other choice when that combination exists and can be bought; otherwise move it
    /// to the first combination that can be; otherwise to any that exists.
    fn choose(&self, dim: Dimension, value: &str, other: Option<&str>) -> Option<&'a Variant> {
        let with_value = || {
            self.variants
                .iter()
                .filter(move |v| dim.of(v) == Some(value))
        };
        with_value()
            .find(|v| dim.other().of(v) == other && v.stock().can_buy())
            .or_else(|| with_value().find(|v| v.stock().can_buy()))
            .or_else(|| with_value().find(|v| dim.other().of(v) == other))
            .or_else(|| with_value().next())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Sku;
    use crate::Money;

    fn variant(sku: &str, size: &str, colour: &str, available: u32) -> Variant {
        Variant {
            sku: Sku::parse("sku", sku).unwrap(),
            size: Some(size.into()),
            colour: Some(colour.into()),
            price: Money::twd(100000),
            compare_at: None,
            available,
            weight_grams: 300,
            image: None,
        }
    }

    fn dress() -> Vec<Variant> {
        vec![
            variant("D-RED-S", "S", "red", 4),
            variant("D-RED-M", "M", "red", 0),
            variant("D-BLUE-M", "M", "blue", 9),
            variant("D-BLUE-L", "L", "blue", 0),
        ]
    }

    #[test]
    fn marks_what_can_be_bought() {
        let variants = dress();
        let picker = VariantPicker::new(&variants);
        let sizes: Vec<String> = ["S", "M", "L"].map(String::from).to_vec();
        let choices = picker.sizes(&sizes, Some("red"));
        assert_eq!(
            choices
                .iter()
                .map(|c| (c.available, c.purchasable))
                .collect::<Vec<_>>(),
            [(true, true), (false, true), (false, false)]
        );
        // In L neither colour is in stock, and each can still be bought in another size.
        let colours = picker.colours(["red", "blue"], Some("L"));
        assert_eq!(
            colours
                .iter()
                .map(|c| (c.available, c.purchasable))
                .collect::<Vec<_>>(),
            [(false, true), (false, true)]
        );
    }

    #[test]
    fn choosing_moves_the_other_dimension_to_stock() {
        let variants = dress();
        let picker = VariantPicker::new(&variants);
        assert_eq!(
            picker.choose_size("M", Some("red")).unwrap().sku.as_str(),
            "D-BLUE-M"
        );
        assert_eq!(
            picker.choose_size("S", Some("red")).unwrap().sku.as_str(),
            "D-RED-S"
        );
        // Nothing buyable in L: keep the colour when that combination exists at all.
        assert_eq!(
            picker.choose_size("L", Some("blue")).unwrap().sku.as_str(),
            "D-BLUE-L"
        );
        assert_eq!(
            picker
                .choose_colour("blue", Some("S"))
                .unwrap()
                .sku
                .as_str(),
            "D-BLUE-M"
        );
    }

    #[test]
    fn opens_on_the_linked_or_first_buyable_variant() {
        let variants = dress();
        let picker = VariantPicker::new(&variants);
        assert_eq!(
            picker.initial(Some("D-BLUE-L")).unwrap().sku.as_str(),
            "D-BLUE-L"
        );
        assert_eq!(
            picker.initial(Some("NOPE")).unwrap().sku.as_str(),
            "D-RED-S"
        );
        assert_eq!(picker.initial(None).unwrap().sku.as_str(), "D-RED-S");
        assert_eq!(picker.find(Some("M"), Some("blue")).unwrap().available, 9);
    }
}
