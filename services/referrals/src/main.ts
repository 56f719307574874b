import { startServiceProcess } from '@sagsspor/platform';
import { referralsService } from './service';

startServiceProcess(referralsService);
