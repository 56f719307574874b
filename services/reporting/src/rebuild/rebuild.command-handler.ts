import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RebuildService, type RebuildView } from './rebuild.service';

/** Starts rebuilding a projection into a new generation; the live one serves until it swaps. */
export class StartRebuildCommand extends Command<RebuildView> {
  constructor(
    readonly projection: string,
    readonly requestedBy: string,
  ) {
    super();
  }
}

@CommandHandler(StartRebuildCommand)
export class StartRebuildCommandHandler implements ICommandHandler<StartRebuildCommand> {
  constructor(private readonly rebuilds: RebuildService) {}

  execute({ projection, requestedBy }: StartRebuildCommand): Promise<RebuildView> {
    return this.rebuilds.start(projection, requestedBy);
  }
}
