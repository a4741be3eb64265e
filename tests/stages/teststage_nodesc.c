/* teststage_nodesc.c -- a shared object that is not a lede stage: it exports no descriptor. */
#include "lede/error.h"

LEDE_API int teststage_nodesc_answer(void);
int teststage_nodesc_answer(void)
{
    return 42;
}
