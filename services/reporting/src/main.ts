import { startServiceProcess } from '@sagsspor/platform';
import { reportingService } from './service';

startServiceProcess(reportingService);
