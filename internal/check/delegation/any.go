package delegation

import "net/netip"

// netipAny matches queries to any server in observe.Domain.Find.
var netipAny netip.Addr
