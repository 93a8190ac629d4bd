//! Heltidskalkulator: position sizes and rota proposals for Norwegian 24/7 care units.
//!
//! Data flows one way: a scenario file ([`io`]) becomes a [`model::Scenario`]; the engine
//! computes bounds and statistics ([`calc`]), checks rotas against AML/HTA ([`rules`]) and
//! proposes rotas ([`solve`]); the [`app`] and the [`cli`] only call the engine.

pub mod app;
pub mod calc;
pub mod cli;
pub mod export;
pub mod i18n;
pub mod io;
pub mod model;
pub mod rules;
pub mod rws;
pub mod solve;
