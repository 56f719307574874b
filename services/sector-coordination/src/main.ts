import { startServiceProcess } from '@sagsspor/platform';
import { sectorCoordinationService } from './service';

startServiceProcess(sectorCoordinationService);
