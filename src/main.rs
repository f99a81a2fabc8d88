fn main() {
    selfeval::crash::install();
    leptos::mount::mount_to_body(selfeval::app::App);
}
