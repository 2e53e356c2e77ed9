//! A page's blocks (hero banner, promotion strip, featured products, text): each block's
//! fields, its place in the page, adding and removing.

use fourflow_core::catalog::Slug;
use fourflow_core::content::{Block, ContentBody};
use fourflow_core::Localized;
use leptos::prelude::*;

use super::BodyProblem;
use crate::i18n::use_i18n;
use crate::pages::admin::problem::{is_under, Problem, ProblemUnder};

/// A page's blocks, in order, each editable, removable and movable; new ones added at the end.
#[component]
pub fn Blocks(body: RwSignal<ContentBody>) -> impl IntoView {
    let problem = expect_context::<BodyProblem>().0;
    let b = use_i18n().b();
    let count = move || body.with(|x| x.blocks.len());
    let add = move |block: Block| body.update(|x| x.blocks.push(block));
    let empty = Localized::default;
    view! {
        <section class="admin-card">
            <h2>{b.blocks}</h2>
            // About the blocks as a whole (none, too many); a block's own are shown with it.
            {move || problem.with(|p| {
                p.as_ref()
                    .filter(|p| p.field.as_deref() == Some("body.blocks"))
                    .map(|p: &Problem| view! { <p class="form-problem" role="alert">{p.message.clone()}</p> })
            })}
            <For each=move || 0..count() key=move |i| (*i, count()) let:i>
                <BlockFields body index=i/>
            </For>
            <div class="admin-actions">
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Hero {
                    image: String::new(), headline: empty(), text: empty(), cta: empty(), link: "/".into() })>
                    {(b.add_block)(b.hero)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::PromoStrip { text: empty(), link: None })>
                    {(b.add_block)(b.promo_strip)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Collection { title: empty(), products: Vec::new() })>
                    {(b.add_block)(b.collection)}
                </button>
                <button type="button" class="button button-quiet" on:click=move |_| add(Block::Text { markdown: empty() })>
                    {(b.add_block)(b.text_block)}
                </button>
            </div>
        </section>
    }
}

#[component]
fn BlockFields(body: RwSignal<ContentBody>, index: usize) -> impl IntoView {
    let b = use_i18n().b();
    let problem = expect_context::<BodyProblem>().0;
    let block = move || body.with(|x| x.blocks.get(index).cloned());
    // A field of this block, read and written in place.
    let edit = move |change: Box<dyn Fn(&mut Block)>| {
        body.update(|x| {
            if let Some(b) = x.blocks.get_mut(index) {
                change(b)
            }
        })
    };
    let text_pair = move |label: &'static str,
                          get: fn(&Block) -> Option<Localized>,
                          put: fn(&mut Block, Localized)| {
        let language = move |zh: bool| {
            let value = move || {
                block()
                    .and_then(|x| get(&x))
                    .map(|t| if zh { t.zh_tw } else { t.en })
                    .unwrap_or_default()
            };
            let input = move |ev| {
                let text = event_target_value(&ev);
                edit(Box::new(move |blk| {
                    if let Some(mut t) = get(blk) {
                        if zh {
                            t.zh_tw = text.clone()
                        } else {
                            t.en = text.clone()
                        }
                        put(blk, t);
                    }
                }));
            };
            let aria = format!("{label} ({})", if zh { b.zh } else { b.en });
            view! { <input type="text" aria-label=aria prop:value=value on:input=input/> }
        };
        view! {
            <fieldset class="both"><legend>{label}</legend>
                <label><span>{b.zh}</span>{language(true)}</label>
                <label><span>{b.en}</span>{language(false)}</label>
            </fieldset>
        }
    };
    let plain = move |label: &'static str,
                      get: fn(&Block) -> String,
                      put: fn(&mut Block, String)| {
        let value = move || block().map(|x| get(&x)).unwrap_or_default();
        let input = move |ev| {
            let text = event_target_value(&ev);
            edit(Box::new(move |blk| put(blk, text.clone())));
        };
        view! { <label><span>{label}</span><input type="text" prop:value=value on:input=input/></label> }
    };
    let remove = move |_| {
        body.update(|x| {
            if index < x.blocks.len() {
                x.blocks.remove(index);
            }
        })
    };
    let up = move |_| {
        body.update(|x| {
            if index > 0 && index < x.blocks.len() {
                x.blocks.swap(index - 1, index)
            }
        })
    };
    let fields = match block() {
        Some(Block::Hero { .. }) => view! {
            <h3>{b.hero}</h3>
            {plain(b.image, |x| match x { Block::Hero { image, .. } => image.clone(), _ => String::new() },
                |x, v| if let Block::Hero { image, .. } = x { *image = v })}
            {text_pair(b.headline, |x| match x { Block::Hero { headline, .. } => Some(headline.clone()), _ => None },
                |x, t| if let Block::Hero { headline, .. } = x { *headline = t })}
            {text_pair(b.text, |x| match x { Block::Hero { text, .. } => Some(text.clone()), _ => None },
                |x, t| if let Block::Hero { text, .. } = x { *text = t })}
            {text_pair(b.cta, |x| match x { Block::Hero { cta, .. } => Some(cta.clone()), _ => None },
                |x, t| if let Block::Hero { cta, .. } = x { *cta = t })}
            {plain(b.link, |x| match x { Block::Hero { link, .. } => link.clone(), _ => String::new() },
                |x, v| if let Block::Hero { link, .. } = x { *link = v })}
        }.into_any(),
        Some(Block::PromoStrip { .. }) => view! {
            <h3>{b.promo_strip}</h3>
            {text_pair(b.text, |x| match x { Block::PromoStrip { text, .. } => Some(text.clone()), _ => None },
                |x, t| if let Block::PromoStrip { text, .. } = x { *text = t })}
            {plain(b.link, |x| match x { Block::PromoStrip { link, .. } => link.clone().unwrap_or_default(), _ => String::new() },
                |x, v| if let Block::PromoStrip { link, .. } = x { *link = (!v.trim().is_empty()).then_some(v) })}
        }.into_any(),
        Some(Block::Collection { .. }) => view! {
            <h3>{b.collection}</h3>
            {text_pair(b.title, |x| match x { Block::Collection { title, .. } => Some(title.clone()), _ => None },
                |x, t| if let Block::Collection { title, .. } = x { *title = t })}
            {plain(b.products, |x| match x {
                    Block::Collection { products, .. } => products.iter().map(Slug::as_str).collect::<Vec<_>>().join(", "),
                    _ => String::new() },
                |x, v| if let Block::Collection { products, .. } = x {
                    *products = v.split(',').filter_map(|s| Slug::parse("products", s.trim()).ok()).collect();
                })}
        }.into_any(),
        Some(Block::Text { .. }) => view! {
            <h3>{b.text_block}</h3>
            {text_pair(b.markdown, |x| match x { Block::Text { markdown } => Some(markdown.clone()), _ => None },
                |x, t| if let Block::Text { markdown } = x { *markdown = t })}
        }.into_any(),
        None => ().into_any(),
    };
    view! {
        <div class="admin-block" class:has-problem=move || problem.with(|p| {
            p.as_ref().and_then(|p| p.field.as_deref()).is_some_and(|f| is_under(f, &format!("body.blocks[{index}]")))
        })>
            {fields}
            <ProblemUnder problem path=format!("body.blocks[{index}]")/>
            <div class="admin-actions">
                {(index > 0).then(|| view! { <button type="button" class="link-button" on:click=up>{b.move_up}</button> })}
                <button type="button" class="link-button" on:click=remove>{b.remove}</button>
            </div>
        </div>
    }
}
