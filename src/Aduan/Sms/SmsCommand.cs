namespace Aduan.Sms;

/// <summary>What an incoming SMS asks for, as <see cref="SmsLanguage"/> reads it.</summary>
public abstract record SmsCommand
{
    private SmsCommand()
    {
    }

    /// <summary>The reply's language: English when the message reads as English.</summary>
    public bool English { get; init; }

    /// <summary>A short name for the record (<see cref="SmsMessage.Intent"/>).</summary>
    public abstract string Intent { get; }

    /// <summary><c>BKSKOTA [ADUAN] text</c>: a new report.</summary>
    public sealed record NewReport(string Text) : SmsCommand
    {
        public override string Intent => "report";
    }

    /// <summary>The keyword with nothing (or too little) after it to make a report.</summary>
    public sealed record TooShort : SmsCommand
    {
        public override string Intent => "too-short";
    }

    /// <summary><c>BKSKOTA CEK code</c>; the code as typed.</summary>
    public sealed record Check(string Code) : SmsCommand
    {
        public override string Intent => "check";
    }

    /// <summary><c>BKSKOTA INFO</c> / <c>BANTUAN</c>.</summary>
    public sealed record Help : SmsCommand
    {
        public override string Intent => "help";
    }

    /// <summary><c>BKSKOTA BALAS code text</c>: the reporter's reply on a report; the code as typed.</summary>
    public sealed record Reply(string Code, string Text) : SmsCommand
    {
        public override string Intent => "reply";
    }

    /// <summary>No keyword: perhaps the answer to a question on the sender's one deferred report.</summary>
    public sealed record Plain(string Text) : SmsCommand
    {
        public override string Intent => "plain";
    }
}
