use selfeval::prerender;

fn main() {
    selfeval::crash::install();
    // a first visit's screen is already on the page as HTML: start once it is painted, in
    // steps short enough that typing into it is not held up (src/prerender.rs)
    match prerender::painted() {
        Some(painted) => wasm_bindgen_futures::spawn_local(async move {
            prerender::wait(painted).await;
            prerender::warm_up().await;
            start();
        }),
        None => start(),
    }
}

fn start() {
    leptos::mount::mount_to_body(selfeval::app::App);
    prerender::mounted();
}
