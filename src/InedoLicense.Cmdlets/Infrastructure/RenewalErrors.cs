using System.Management.Automation;
using InedoLicense.Issuance;

namespace InedoLicense.Cmdlets.Infrastructure;

/// <summary>New-License's InvalidRenewal error for Core's refusal: the message for its reason, from Strings.resx; the serial as target.</summary>
internal static class RenewalErrors
{
    public static ErrorRecord Record(InvalidRenewalException e)
    {
        (string Format, object?[] Args)? message = e.Reason switch
        {
            RenewalRefusal.Stopgap => (Strings.InvalidRenewal, [e.Serial, e.StopgapFor is null ? "" : $" ({e.StopgapFor})"]),
            RenewalRefusal.NotALicence => (Strings.InvalidRenewal2, [e.Serial, e.Kind]),
            RenewalRefusal.Perpetual => (Strings.InvalidRenewal3, [e.Serial]),
            RenewalRefusal.OtherProduct => (Strings.InvalidRenewal4, [e.Serial, e.Product, e.RequestedProduct]),
            RenewalRefusal.StartGiven => (Strings.InvalidRenewal5, [e.Serial, e.Start]),
            RenewalRefusal.EditionNotPaid => (Strings.InvalidRenewal6, [e.Product, e.Edition, e.Tier, string.Join(", ", e.PaidEditions)]),
            RenewalRefusal.AlreadyOver => (Strings.InvalidRenewal7, [e.Serial, e.Start, e.End]),
            _ => null,
        };
        return message is { } m
            ? Errors.Wrap(ErrorIds.InvalidRenewal, ErrorCategory.InvalidOperation, e.Serial, e, m.Format, m.Args)
            : Errors.Record(ErrorIds.InvalidRenewal, ErrorCategory.InvalidOperation, e.Serial, e);
    }
}
