import { ApiProperty } from '@nestjs/swagger';

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Hợp tác xã Nông sản Đông Kinh' })
  name: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}
