package observe

// Purposes tag every query with why it was sent; analysis finds the
// queries it needs by purpose. They are stored, so never rename one.
const (
	// Resolution.
	PurposeResolve  = "resolve"   // a step of an iterative walk
	PurposeReferral = "referral"  // the parent asked for the domain's NS (the delegation)
	PurposeDS       = "dnssec.ds" // a zone's DS set asked of its parent (Zone = the child)

	// Per (server address, zone) probes.
	PurposeSOAUDP    = "probe.soa_udp"      // SOA, UDP, EDNS0 1232, no RD
	PurposeSOATCP    = "probe.soa_tcp"      // SOA, TCP
	PurposeNS        = "probe.ns"           // apex NS, UDP: the child's own NS set
	PurposeEDNSPlain = "probe.edns_plain"   // SOA without EDNS
	PurposeEDNSVer   = "probe.edns_version" // SOA with EDNS version 1: expect BADVERS
	PurposeEDNSOpt   = "probe.edns_option"  // SOA with an unknown EDNS option: expect it ignored
	PurposeEDNSDO    = "probe.edns_do"      // SOA with DO: expect DO echoed
	PurposeEDNSSize  = "probe.edns_size"    // DNSKEY with DO, buffer 1232: answer fits or TC
	PurposeTruncUDP  = "probe.trunc_udp"    // DNSKEY with DO, buffer 512: expect TC on a large answer
	PurposeTruncTCP  = "probe.trunc_tcp"    // the same over TCP after TC
	PurposeAXFR      = "probe.axfr"         // zone transfer attempt
	PurposeRecursion = "probe.recursion"    // RD query for a name outside the server's zones
	PurposeNSID      = "probe.nsid"         // SOA with the NSID option
	PurposeChaosHost = "probe.hostname_bind"
	PurposeChaosID   = "probe.id_server"
	PurposeChaosVer  = "probe.version_bind"
	PurposeChaosVerS = "probe.version_server" // CHAOS TXT version.server
	PurposeEDNSFlags = "probe.edns_flags"     // SOA with an unknown EDNS flag (a Z bit): expect it ignored, not echoed
	PurposeQNameCase = "probe.qname_case"     // SOA with the zone's name in mixed case: expect the case kept, the same answer
	PurposeAAAA      = "probe.aaaa"           // AAAA for the zone's apex: expect an answer, NOERROR
	PurposeSource    = "probe.source"         // SOA over UDP from an unconnected socket: the answer's source address recorded

	// DNSSEC material of the domain, asked of one authoritative server with DO.
	PurposeDNSKEY     = "dnssec.dnskey" // also for every zone cut in the chain (Zone = that zone)
	PurposeSigSOA     = "dnssec.soa"
	PurposeSigNS      = "dnssec.ns"
	PurposeSigA       = "dnssec.a"
	PurposeSigAAAA    = "dnssec.aaaa"
	PurposeNX         = "dnssec.nx" // a random name below the apex: NSEC/NSEC3 denial
	PurposeCDS        = "dnssec.cds"
	PurposeCDNSKEY    = "dnssec.cdnskey"
	PurposeNSEC3PARAM = "dnssec.nsec3param"

	// IPv6 readiness and apex contents.
	PurposeApexA    = "apex.a"         // apex A (also shows an apex CNAME)
	PurposeApexAAAA = "ipv6.apex_aaaa" // apex AAAA with DO
	PurposeWWWAAAA  = "ipv6.www_aaaa"
	PurposeMX       = "ipv6.mx"
	PurposeMXAAAA   = "ipv6.mx_aaaa" // QName = the MX target
	PurposeNSAddr   = "ns.addr"      // A/AAAA of an NS name

	// Zone contents and the names around the zone.
	PurposeApexTXT   = "content.txt"    // apex TXT: the SPF policy
	PurposeNSPTR     = "ns.ptr"         // PTR of an NS address (QName = its reverse name)
	PurposeMNAMEAddr = "soa.mname_addr" // A/AAAA of the SOA MNAME when it is not an NS name
	PurposeMNAMESOA  = "soa.mname"      // the zone's SOA asked of an MNAME address that is no NS address
)

// Probe parameters. They are part of what the probes' observations mean,
// so the probes (internal/probe) send them and the analysis
// (internal/analyze) reads answers against them: changing one changes
// results.
const (
	ProbeBufferSize     = 1232  // the DNS Flag Day 2020 buffer size
	ProbeUnknownOption  = 65001 // an EDNS option code from the local/experimental range
	ProbeUnknownVersion = 1
	// ProbeUnknownFlags is the EDNS flag bit (one of the Z bits, RFC 6891
	// §6.1.4, unassigned) set in the flags probe: servers must ignore it
	// and clear it in their answers.
	ProbeUnknownFlags = 0x0001
	// ProbeRecursionName is asked with RD=1: no authoritative-only server
	// should answer it (unless it serves the root).
	ProbeRecursionName = "."
)

// NotSent is the Error of a query the transport did not send because its
// server had stopped answering and rests: it shows nothing of the server.
const NotSent = "not sent: the server stopped answering; resting"
