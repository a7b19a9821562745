import { Module } from '@nestjs/common';
import { Cursors } from './cursors.js';
import { MembershipBroadcaster } from './membership-broadcaster.js';

@Module({ providers: [Cursors, MembershipBroadcaster], exports: [Cursors, MembershipBroadcaster] })
export class CommonModule {}
