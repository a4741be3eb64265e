/* ledetestdep.c -- the dependency of teststage_missingdep, kept off every library path. */
int ledetestdep_value(void);
int ledetestdep_value(void)
{
    return 0;
}
