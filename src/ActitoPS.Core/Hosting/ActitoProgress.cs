namespace ActitoPS.Core.Hosting
{
    public sealed class ActitoProgress
    {
        public ActitoProgress(int activityId, string activity, string status)
        {
            ActivityId = activityId;
            Activity = activity;
            StatusDescription = status;
        }

        public int ActivityId { get; }

        public string Activity { get; }

        public string StatusDescription { get; }

        /// <summary>-1 when the total is unknown (a pipeline does not say how long it is).</summary>
        public int PercentComplete { get; set; } = -1;

        public int SecondsRemaining { get; set; } = -1;

        public string? CurrentOperation { get; set; }

        public bool Completed { get; set; }
    }
}
