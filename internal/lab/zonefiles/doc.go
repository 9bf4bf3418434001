// Package zonefiles writes an engine.World as files real servers load:
// unsigned and signed zone files, key pairs, root hints, the trust anchor
// and a manifest of who serves what, with which faults.
package zonefiles
