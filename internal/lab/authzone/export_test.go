package authzone

import "github.com/miekg/dns"

// What the external tests read of a zone's internals.

func (z *Zone) Sets() map[string]map[uint16][]dns.RR { return z.sets }
func (z *Zone) Occluded(name string) bool            { return z.occluded(name) }
func (z *Zone) IsCut(name string) bool               { return z.cuts[name] }
func (z *Zone) Sigs(name string, t uint16) []dns.RR  { return z.sigs(name, t) }
func (z *Zone) NSECNames() []string                  { return z.nsecNames }
func (z *Zone) NSEC3() []*dns.NSEC3                  { return z.nsec3 }
func (z *Zone) NSEC3Sigs(owner string) []dns.RR      { return z.nsec3Sigs[owner] }
func (z *Zone) MatchNSEC3(name string) *dns.NSEC3    { return z.matchNSEC3(name) }
func (z *Zone) Size() int                            { return len(z.rrs) }

var OwnerHash = ownerHash
