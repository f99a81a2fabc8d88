use selfeval::prerender;

fn main() {
    selfeval::crash::install();
    // a first visit's screen is already on the page as HTML: start in steps short enough that
    // typing into it is not held up (src/prerender.rs)
    if prerender::shown() {
        wasm_bindgen_futures::spawn_local(async {
            prerender::warm_up().await;
            start();
        });
    } else {
        start();
    }
}

fn start() {
    leptos::mount::mount_to_body(selfeval::app::App);
    prerender::mounted();
}
