import { Module } from '@nestjs/common';
import { ListCursors } from './list-cursors.js';

@Module({ providers: [ListCursors], exports: [ListCursors] })
export class CommonModule {}
