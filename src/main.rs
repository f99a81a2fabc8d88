fn main() {
    selfeval::web::crash::install();
    leptos::mount::mount_to_body(selfeval::app::App);
    // the page shown until now (index.html's #boot)
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
}
