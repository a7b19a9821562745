import { Module } from '@nestjs/common';
import { Cursors } from './cursors.js';
import { TenancyBroadcasts } from './tenancy-broadcasts.js';

@Module({ providers: [Cursors, TenancyBroadcasts], exports: [Cursors, TenancyBroadcasts] })
export class CommonModule {}
