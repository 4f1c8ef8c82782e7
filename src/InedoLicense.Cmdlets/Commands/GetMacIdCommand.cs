using System.Management.Automation;
using InedoLicense.Cmdlets.Infrastructure;
using InedoLicense.Machine;

namespace InedoLicense.Cmdlets.Commands;

/// <summary>
/// This machine's MAC ID, the one an agent registration key binds to: a deterministic choice
/// among the adapters that are up (see MacIdSelector). -All lists every adapter and why it was
/// or was not chosen.
/// </summary>
[Cmdlet(VerbsCommon.Get, "MacId", DefaultParameterSetName = ChosenSet)]
[OutputType(typeof(string), ParameterSetName = [ChosenSet])]
[OutputType(typeof(MacIdChoice), ParameterSetName = [AllSet])]
public sealed class GetMacIdCommand : PSCmdlet
{
    private const string ChosenSet = "Chosen";
    private const string AllSet = "All";

    /// <summary>Lists every adapter: name, type, address, status, whether it was chosen and why.</summary>
    [Parameter(Mandatory = true, ParameterSetName = AllSet)]
    public SwitchParameter All { get; set; }

    protected override void EndProcessing()
    {
        var choices = MacIdSelector.Evaluate(MachineAdapters.Read());
        if (All)
        {
            WriteObject(choices, enumerateCollection: true);
            return;
        }
        var chosen = choices.FirstOrDefault(c => c.IsSelected);
        if (chosen is null)
        {
            WriteError(Errors.Record(ErrorIds.NoMacIdCandidate, ErrorCategory.ObjectNotFound, null,
                Strings.NoMacIdCandidate,
                choices.Count));
            return;
        }
        if (chosen.IsLocallyAdministered)
            WriteWarning($"{chosen.Address} ({chosen.InterfaceName}) is a locally administered address: randomised Wi-Fi, containers and virtual machines change such addresses, so a key bound to it may stop matching. No adapter with a universally administered address is up.");
        WriteObject(chosen.Address);
    }
}
