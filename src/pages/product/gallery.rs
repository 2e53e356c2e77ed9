//! The product's pictures: one large, the others as thumbnails to choose from.

use fourflow_core::catalog::ProductImage;
use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn Gallery(images: Vec<ProductImage>, current: RwSignal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let count = images.len();
    let images = StoredValue::new(images);
    let main = move || {
        images.with_value(|images| {
            images
                .get(current.get().min(count.saturating_sub(1)))
                .cloned()
                .map(|img| {
                    let alt = img.alt.clone();
                    view! {
                        <img
                            src=img.src
                            width=img.width
                            height=img.height
                            alt=i18n.text(&alt)
                            fetchpriority="high"
                            decoding="async"
                        />
                    }
                })
        })
    };
    let thumbs = (count > 1).then(|| {
        images.with_value(|images| {
            images
                .iter()
                .enumerate()
                .map(|(i, img)| {
                    let src = img.src.clone();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="thumb"
                                aria-pressed=move || (current.get() == i).to_string()
                                aria-label=(i18n.s().show_image)(i + 1, count)
                                on:click=move |_| current.set(i)
                            >
                                <img src=src width="96" height="96" alt="" loading="lazy" decoding="async"/>
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    });
    view! {
        <section class="gallery" aria-label=i18n.s().gallery>
            <div class="gallery-main">{main}</div>
            {thumbs.map(|thumbs| view! { <ul class="gallery-thumbs">{thumbs}</ul> })}
        </section>
    }
}
