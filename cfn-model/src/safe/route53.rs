//! Route 53 health checks whose port agrees with their protocol.
//!
//! A [`HealthCheckTarget`] is typed by its protocol ([`Http`], [`Https`], [`Tcp`]) and its
//! constructors set `Type` and the protocol's default port: 80 for `HTTP` and `HTTP_STR_MATCH`,
//! 443 for `HTTPS` and `HTTPS_STR_MATCH`; a TCP check names its port. It becomes the generated
//! `route53::HealthCheck` (or its `HealthCheckConfig`) with [`HealthCheckTarget::into_health_check`]
//! or `From`, so the stack adds it like any resource.
//!
//! Another port is `.port::<8443>()`: a constant, so that the port contradicting the protocol
//! (80 for HTTPS, 443 for HTTP: the seed's `HTTPS_STR_MATCH` on port 80, whose TLS handshake
//! never succeeds) is a compile error naming the fix. An endpoint that really serves TLS on
//! port 80 is written visibly, `.port_contradicting_protocol(80)`, and `validate` still warns
//! about it (code `health-check-port`), as it does for the same contradiction written through
//! the generated types, `RawResource` or raw JSON. A port known only at run time goes through
//! [`HealthCheckTarget::configure`] and the generated `port` setter, which `validate` checks the
//! same way.
//!
//! ```
//! use cfn_model::prelude::*;
//! use cfn_model::aws::route53;
//! use cfn_model::safe::route53::HealthCheckTarget;
//!
//! let mut s: Stack = Stack::new();
//! let api = s.add(
//!     "ApiHealth",
//!     HealthCheckTarget::https_str_match("api.example.com", "/health", "ok").into_health_check(),
//! );
//! let admin = s.add(
//!     "AdminHealth",
//!     route53::HealthCheck::from(HealthCheckTarget::https("admin.example.com").port::<8443>().path("/ping")),
//! );
//! let cache = s.add("CacheHealth", HealthCheckTarget::tcp("cache.example.com", 6379).into_health_check());
//! assert_eq!(api.logical_id(), "ApiHealth");
//! # let _ = (admin, cache);
//! ```

use std::marker::PhantomData;

use crate::aws::route53::health_check::{HealthCheckConfig, Type};
use crate::aws::route53::HealthCheck;
use crate::value::IntoValue;

/// The `HTTP` and `HTTP_STR_MATCH` protocols (default port 80).
#[derive(Clone, Copy, Debug)]
pub enum Http {}

/// The `HTTPS` and `HTTPS_STR_MATCH` protocols (default port 443).
#[derive(Clone, Copy, Debug)]
pub enum Https {}

/// The `TCP` protocol (no default port).
#[derive(Clone, Copy, Debug)]
pub enum Tcp {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Http {}
    impl Sealed for super::Https {}
    impl Sealed for super::Tcp {}
}

/// A web protocol of a health check: its default port and the port that contradicts it.
pub trait WebProtocol: sealed::Sealed {
    /// The port a check of this protocol gets unless told otherwise.
    const DEFAULT_PORT: u16;
    /// The port of the other web protocol, which `.port::<N>()` refuses.
    const CONTRADICTING_PORT: u16;
    /// The compile error `.port::<CONTRADICTING_PORT>()` gives.
    const CONTRADICTION: &'static str;
}

impl WebProtocol for Http {
    const DEFAULT_PORT: u16 = 80;
    const CONTRADICTING_PORT: u16 = 443;
    const CONTRADICTION: &'static str = "an HTTP health check on port 443: port 443 serves HTTPS, so Route 53's plain-HTTP \
         request fails and the check never passes. For an HTTPS endpoint write `HealthCheckTarget::https(…)` (port 443 by \
         default); if this endpoint really serves plain HTTP on port 443, write `.port_contradicting_protocol(443)`";
}

impl WebProtocol for Https {
    const DEFAULT_PORT: u16 = 443;
    const CONTRADICTING_PORT: u16 = 80;
    const CONTRADICTION: &'static str = "an HTTPS health check on port 80: port 80 serves plain HTTP, so Route 53's TLS \
         handshake fails and the check never passes. Drop `.port` (HTTPS checks use 443), or write \
         `HealthCheckTarget::http(…)` for a plain-HTTP endpoint on port 80; if this endpoint really serves TLS on port 80, \
         write `.port_contradicting_protocol(80)`";
}

/// A Route 53 health check's endpoint and protocol, with a port that agrees with the protocol.
/// Build one with [`HealthCheckTarget::http`], [`HealthCheckTarget::http_str_match`],
/// [`HealthCheckTarget::https`], [`HealthCheckTarget::https_str_match`] or
/// [`HealthCheckTarget::tcp`].
pub struct HealthCheckTarget<P> {
    config: HealthCheckConfig,
    protocol: PhantomData<P>,
}

impl<P> HealthCheckTarget<P> {
    fn new(r#type: Type, fqdn: impl IntoValue<String>, port: u16) -> Self {
        HealthCheckTarget {
            config: HealthCheckConfig::new(r#type)
                .fully_qualified_domain_name(fqdn)
                .port(i64::from(port)),
            protocol: PhantomData,
        }
    }

    /// Checks this IP address instead of resolving the domain name (which is then sent as the
    /// `Host` header and, for HTTPS, in SNI).
    pub fn ip_address(mut self, ip: impl IntoValue<String>) -> Self {
        self.config = self.config.ip_address(ip);
        self
    }

    /// Seconds between checks: 10 or 30 (the default).
    pub fn request_interval(mut self, seconds: impl IntoValue<i64>) -> Self {
        self.config = self.config.request_interval(seconds);
        self
    }

    /// Consecutive results that change the status: 1 to 10 (default 3).
    pub fn failure_threshold(mut self, n: impl IntoValue<i64>) -> Self {
        self.config = self.config.failure_threshold(n);
        self
    }

    /// Sets other `HealthCheckConfig` properties (regions, latency measurement, inversion, …)
    /// with the generated setters. Setting `Type` or `Port` here bypasses the typing; `validate`
    /// still warns when they contradict each other.
    pub fn configure(mut self, f: impl FnOnce(HealthCheckConfig) -> HealthCheckConfig) -> Self {
        self.config = f(self.config);
        self
    }

    /// The generated `HealthCheckConfig`.
    pub fn into_config(self) -> HealthCheckConfig {
        self.config
    }

    /// The generated `AWS::Route53::HealthCheck` resource, for `stack.add(…)`.
    pub fn into_health_check(self) -> HealthCheck {
        HealthCheck::new(self.config)
    }
}

impl<P: WebProtocol> HealthCheckTarget<P> {
    /// The path requested (`ResourcePath`, e.g. `/health`; default `/`).
    pub fn path(mut self, path: impl IntoValue<String>) -> Self {
        self.config = self.config.resource_path(path);
        self
    }

    /// Checks port `PORT` instead of the protocol's default. The port of the other web protocol
    /// (80 for HTTPS, 443 for HTTP) does not compile: see
    /// [`HealthCheckTarget::port_contradicting_protocol`].
    pub fn port<const PORT: u16>(mut self) -> Self {
        const {
            if PORT == 0 {
                panic!("a health check port is 1 to 65535");
            }
            if PORT == P::CONTRADICTING_PORT {
                panic!("{}", P::CONTRADICTION);
            }
        }
        self.config = self.config.port(i64::from(PORT));
        self
    }

    /// Checks `port` even though it contradicts the protocol (an HTTPS endpoint on port 80, an
    /// HTTP one on 443). Say so only when the endpoint really does that: `validate` warns about it
    /// all the same (code `health-check-port`).
    pub fn port_contradicting_protocol(mut self, port: u16) -> Self {
        self.config = self.config.port(i64::from(port));
        self
    }
}

impl HealthCheckTarget<Http> {
    /// `Type: HTTP` on port 80: healthy when `fqdn` answers with a 2xx or 3xx status.
    pub fn http(fqdn: impl IntoValue<String>) -> Self {
        Self::new(Type::Http, fqdn, Http::DEFAULT_PORT)
    }

    /// `Type: HTTP_STR_MATCH` on port 80: healthy when `path` on `fqdn` answers with a 2xx or
    /// 3xx status and its first 5,120 bytes contain `search`.
    pub fn http_str_match(
        fqdn: impl IntoValue<String>,
        path: impl IntoValue<String>,
        search: impl IntoValue<String>,
    ) -> Self {
        let mut t = Self::new(Type::HttpStrMatch, fqdn, Http::DEFAULT_PORT);
        t.config = t.config.resource_path(path).search_string(search);
        t
    }
}

impl HealthCheckTarget<Https> {
    /// `Type: HTTPS` on port 443: healthy when `fqdn` answers over TLS with a 2xx or 3xx status.
    pub fn https(fqdn: impl IntoValue<String>) -> Self {
        Self::new(Type::Https, fqdn, Https::DEFAULT_PORT)
    }

    /// `Type: HTTPS_STR_MATCH` on port 443: healthy when `path` on `fqdn` answers over TLS with
    /// a 2xx or 3xx status and its first 5,120 bytes contain `search`.
    pub fn https_str_match(
        fqdn: impl IntoValue<String>,
        path: impl IntoValue<String>,
        search: impl IntoValue<String>,
    ) -> Self {
        let mut t = Self::new(Type::HttpsStrMatch, fqdn, Https::DEFAULT_PORT);
        t.config = t.config.resource_path(path).search_string(search);
        t
    }

    /// Whether to send the domain name in the TLS handshake (SNI); most endpoints need it.
    pub fn enable_sni(mut self, on: impl IntoValue<bool>) -> Self {
        self.config = self.config.enable_sni(on);
        self
    }
}

impl HealthCheckTarget<Tcp> {
    /// `Type: TCP`: healthy when a TCP connection to `port` on `fqdn` opens.
    pub fn tcp(fqdn: impl IntoValue<String>, port: u16) -> Self {
        Self::new(Type::Tcp, fqdn, port)
    }
}

impl<P> From<HealthCheckTarget<P>> for HealthCheckConfig {
    fn from(t: HealthCheckTarget<P>) -> Self {
        t.into_config()
    }
}

impl<P> From<HealthCheckTarget<P>> for HealthCheck {
    fn from(t: HealthCheckTarget<P>) -> Self {
        t.into_health_check()
    }
}
