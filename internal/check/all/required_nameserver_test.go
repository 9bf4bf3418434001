package all

// The server-level IDs of issue 14 (internal/check/nameserver defs_more.go),
// kept apart from the list above so areas add theirs without touching it.
func init() {
	required = append(required, "NS_EDNS_VERSION", "NS_EDNS_OPTION", "NS_EDNS_FLAGS", "NS_EDNS_TRUNCATION",
		"NS_QNAME_CASE", "NS_VERSION_DISCLOSED", "NS_AAAA_BROKEN", "NS_WRONG_SOURCE", "NS_UPWARD_REFERRAL", "NS_NO_SOA")
}
