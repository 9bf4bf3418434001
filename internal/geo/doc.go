// Package geo maps nameserver addresses to their autonomous system (number
// and organisation), country and covering prefix, from MMDB files in the
// common free formats: MaxMind GeoLite2 (ASN, Country, City), DB-IP lite
// (ASN, Country) and IPinfo (ASN, Country, Lite).
//
// The format of each file is detected from its metadata (database_type)
// and, when the type is not one we know, from the fields of its first
// record. A nil *DB is valid: it answers with the covering prefix only, so
// callers need no special case when no geo data was configured.
//
// WriteMMDB writes small databases in any of the supported formats, for
// tests and for the lab worlds that ship their own geo data.
package geo
