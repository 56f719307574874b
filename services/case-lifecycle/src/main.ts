import { startServiceProcess } from '@sagsspor/platform';
import { caseLifecycleService } from './service';

startServiceProcess(caseLifecycleService);
