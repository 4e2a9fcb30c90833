//! Finds the address each request came from, for login throttling: the TCP peer, or — when
//! the peer is a proxy named by `--trusted-proxy` — the address that proxy forwarded in
//! `X-Forwarded-For`. Anyone can write that header, so it is believed only from a trusted
//! proxy, and only up to the first hop that is not one.

use std::net::{IpAddr, SocketAddr};

use app::auth::ClientAddress;
use axum::{
    extract::{ConnectInfo, Request, State},
    middleware::Next,
    response::Response,
};

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpAddr>);

impl TrustedProxies {
    /// The client behind `peer`, given the `X-Forwarded-For` values in the order received.
    fn client_of(&self, peer: IpAddr, forwarded_for: &[&str]) -> IpAddr {
        let mut client = peer;
        // From the right: each trusted hop vouches for the one before it.
        let hops = forwarded_for
            .iter()
            .rev()
            .flat_map(|value| value.rsplit(','));
        for hop in hops {
            if !self.0.contains(&client) {
                break;
            }
            match hop.trim().parse::<IpAddr>() {
                Ok(address) => client = address,
                Err(_) => break,
            }
        }
        client
    }
}

pub async fn note_client_address(
    State(proxies): State<TrustedProxies>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(peer) = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
    {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        let client = proxies.client_of(peer, &forwarded).to_string();
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_proxy_is_believed() {
        let proxies = TrustedProxies(vec![ip("10.0.0.1"), ip("10.0.0.2")]);
        // Straight from a client: its own address, whatever it claims.
        assert_eq!(
            proxies.client_of(ip("203.0.113.9"), &["198.51.100.1"]),
            ip("203.0.113.9")
        );
        // Through the proxy: the address it saw.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["198.51.100.1, 203.0.113.9"]),
            ip("203.0.113.9")
        );
        // Through two trusted proxies, over two headers: the first untrusted hop.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["198.51.100.1, 203.0.113.9", "10.0.0.2"]),
            ip("203.0.113.9")
        );
        // A garbled hop stops the walk at the last address vouched for.
        assert_eq!(
            proxies.client_of(ip("10.0.0.1"), &["nonsense"]),
            ip("10.0.0.1")
        );
        assert_eq!(
            TrustedProxies::default().client_of(ip("10.0.0.1"), &["203.0.113.9"]),
            ip("10.0.0.1")
        );
    }
}
