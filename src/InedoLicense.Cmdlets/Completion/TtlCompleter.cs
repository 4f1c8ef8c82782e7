using InedoLicense.Catalogue;
using InedoLicense.Issuance;
using InedoLicense.Store;

namespace InedoLicense.Cmdlets.Completion;

/// <summary>Completes -Ttl with the store's allowed TTLs, shortest first (the default policy when the store does not exist yet).</summary>
public sealed class TtlCompleter : StoreCompleter
{
    protected override IEnumerable<CompletionCandidate> Candidates(ILicenseStore? store, CompletionRequest request) =>
        (store is null ? TtlPolicy.Default : TtlPolicy.Load(store)).Allowed.Select(t => new CompletionCandidate(t.Ttl, t.Describe()));
}
