//! The Content-Security-Policy pages are served with: scripts only from the workspace itself
//! (its client, and WebAssembly compiled from it: `'wasm-unsafe-eval'`) plus the page's own
//! inline scripts — hydration and the data resolved on the server — which carry a fresh nonce
//! per response; no framing, no plugins, forms and connections to the workspace only. Style
//! attributes are allowed (charts and bars size themselves with them); nothing else inline.
//!
//! The server sends the same policy without a nonce with every other response.

use leptos::prelude::*;

/// The policy; `nonce` allows the inline scripts that carry it.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// Sends the policy that allows the nonce of the page being rendered: leptos_axum gives each
/// response one, and Leptos puts it on every inline script it writes. Called by the shell.
pub fn send_page_policy() {
    if let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) && let Ok(value) =
        axum::http::HeaderValue::from_str(&content_security_policy(Some(&nonce)))
    {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::content_security_policy;

    #[test]
    fn only_the_workspace_scripts_and_the_page_nonce_run() {
        let page = content_security_policy(Some("abc"));
        assert!(page.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval';"));
        assert!(page.contains("frame-ancestors 'none'"));
        assert!(!page.contains(" 'unsafe-eval'") && !page.contains("script-src 'unsafe-inline'"));
        let other = content_security_policy(None);
        assert!(other.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!other.contains("nonce"));
    }
}
