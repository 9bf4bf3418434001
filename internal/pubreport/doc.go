// Package pubreport builds and renders the Observatory's periodic public
// report of a run (dnsobs report): the headline indicators of the region
// with their change since the previous run, per-country tables and
// charts, domain name penetration per country (domains measured per 1,000
// inhabitants, from an embedded population table) and the share of IDN
// domains per TLD with their trends, indicators against targets (a YAML
// file), in English, Spanish, Portuguese or French, as HTML (server-side
// SVG charts) or Markdown. It is pure: the runs' export rows in, a
// document out; the CLI reads the store.
package pubreport
