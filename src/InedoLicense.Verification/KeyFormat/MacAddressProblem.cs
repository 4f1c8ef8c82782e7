namespace InedoLicense.KeyFormat;

/// <summary>Why six (or some other number of) bytes cannot identify one machine (<see cref="MacAddress.ProblemOf"/>).</summary>
public enum MacAddressProblem
{
    /// <summary>Not the 6 bytes of a MAC (none at all, say).</summary>
    WrongLength,
    /// <summary>00-00-00-00-00-00.</summary>
    AllZero,
    /// <summary>FF-FF-FF-FF-FF-FF.</summary>
    Broadcast,
    /// <summary>The first octet is odd: a group address.</summary>
    Multicast,
}
